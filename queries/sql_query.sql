-- name: meta.build_id
-- The database build id (hash of all loaded files' checksums). No params.
SELECT value FROM build_info WHERE key = 'build_id';
