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
