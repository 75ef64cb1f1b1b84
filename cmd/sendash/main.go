package main

import (
	_ "github.com/duckdb/duckdb-go/v2"
	_ "github.com/labstack/echo/v5"
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/term"
)

func main() {}
