// Package static holds the files the web server serves under /static/: our
// stylesheet, our chart-drawing script, the vendored ECharts library and the
// England LA boundaries the maps draw (geo/, with its attribution).
//
// They are embedded so that the sendash binary is self-contained (no asset
// directory to deploy or get out of step with the code) and so that pages never
// load scripts from a CDN: charts keep working offline and under a strict
// Content-Security-Policy that allows scripts from our own origin only.
package static

import "embed"

// FS is the embedded tree of static assets, rooted so that "css/sendash.css",
// "js/charts.js" and "vendor/echarts/echarts.min.js" are valid paths. Serve it
// under /static/ (for example with http.FileServerFS).
//
//go:embed css js vendor geo
var FS embed.FS
