-- name: search.rows
-- Every row of page_search (built at ingest by
-- queries/load/derive_page.sql) with its match keys and, for a school, what
-- a search by place filters and shows: the store keeps them and matches a
-- query in Go (store/search.go, store/searchplace.go). No params.
SELECT kind, code, name, place, detail, name_key, laestab, la_old_code, la_new_code, la_name_key,
       status, type, phase_group, town, lat, long
FROM page_search;

-- name: search.postcodes
-- Every postcode the lookup places, which the store keeps packed
-- (store/postcodes.go) to place a full postcode a search names. No params.
SELECT postcode, lat, long FROM postcode WHERE lat IS NOT NULL AND long IS NOT NULL;

-- name: search.areas
-- Every postcode district's and sector's centre (postcode_area), which the
-- store keeps for searches by district or sector. No params.
SELECT kind, area, lat, long FROM postcode_area;
