package charts

import (
	"encoding/json"
	"testing"

	"github.com/sendash/sendash/internal/store"
)

func TestSchoolTrendUsesPeriodCategories(t *testing.T) {
	v := 1.5
	rows := []store.Figure{
		{Level: "school", Period: "2018/19", Year: 2018, Grp: "all", Value: &v, Unit: "%"},
		{Level: "england", Period: "2019/20", Year: 2019, Grp: "all", Value: &v, Unit: "%"},
	}
	c := SchoolTrend(rows, "A school", "label")
	var opt struct {
		XAxis []struct {
			Type string   `json:"type"`
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.XAxis) != 1 || opt.XAxis[0].Type != "category" || len(opt.XAxis[0].Data) != 2 || opt.XAxis[0].Data[0] != "2018/19" {
		t.Errorf("x axis %+v\n%s", opt.XAxis, c.Options)
	}
	if SchoolTrend(rows, "A school", "label").Options != c.Options {
		t.Error("not deterministic")
	}
}

// TestSchoolTrendReferenceLinesFollowPhase checks that a school's all-pupil
// line is drawn against whatever group the store matched for its LA and
// England (e.g. primary schools), and names that group.
func TestSchoolTrendReferenceLinesFollowPhase(t *testing.T) {
	v := 2.0
	rows := []store.Figure{
		{Level: "school", Period: "2023/24", Year: 2023, Grp: "all", Value: &v, Unit: "%"},
		{Level: "la", Name: "Camden", Period: "2023/24", Year: 2023, Grp: "primary", Value: &v, Unit: "%"},
		{Level: "england", Name: "England", Period: "2023/24", Year: 2023, Grp: "all", Value: &v, Unit: "%"},
	}
	c := SchoolTrend(rows, "A school", "label")
	var opt struct {
		Series []struct {
			Name string `json:"name"`
			Data []struct {
				Value any `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 3 || opt.Series[1].Name != "Camden (primary schools)" || opt.Series[2].Name != "England (all pupils)" {
		t.Fatalf("series %+v", opt.Series)
	}
	for _, s := range opt.Series {
		if len(s.Data) != 1 || s.Data[0].Value != 2.0 {
			t.Errorf("%s: data %+v, want one point of 2", s.Name, s.Data)
		}
	}
}

// TestPlacementHasOneGridAndFixedOrder checks the placement chart's option:
// one grid (go-echarts appends grids) and mainstream stacked first.
func TestPlacementHasOneGridAndFixedOrder(t *testing.T) {
	v := 10.0
	var rows []store.Figure
	for _, g := range []string{"other", "special_state", "mainstream"} {
		rows = append(rows, store.Figure{Period: "2024", Year: 2024, Grp: g, Value: &v})
	}
	c := Placement(IDLAPlacement, rows, "label")
	var opt struct {
		Grid   []any `json:"grid"`
		Series []struct {
			Name string `json:"name"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(c.Options), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Grid) != 1 {
		t.Errorf("%d grids, want 1", len(opt.Grid))
	}
	if len(opt.Series) != 3 || opt.Series[0].Name != "mainstream schools" || opt.Series[2].Name != "other placements" {
		t.Errorf("series order %+v", opt.Series)
	}
}
