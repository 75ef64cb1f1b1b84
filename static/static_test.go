package static

import (
	"io/fs"
	"strings"
	"testing"
)

// TestFSHoldsAssets checks that every file the pages link to is embedded, and
// that the vendored ECharts is the version go-echarts v2.6.7 targets.
func TestFSHoldsAssets(t *testing.T) {
	for _, name := range []string{
		"css/sendash.css",
		"js/charts.js",
		"vendor/echarts/echarts.min.js",
		"vendor/echarts/LICENSE",
	} {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	echarts, _ := fs.ReadFile(FS, "vendor/echarts/echarts.min.js")
	if !strings.Contains(string(echarts), `version="5.6.0"`) {
		t.Error("vendor/echarts/echarts.min.js is not ECharts 5.6.0: run scripts/fetch-echarts.sh")
	}
}
