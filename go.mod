module github.com/cairn-notebook/cairn

go 1.26.8

require (
	github.com/go-echarts/go-echarts/v2 v2.6.7
	// golearn's last commit; available to cells, its models are not Cairn's defaults.
	github.com/sjwhitworth/golearn v0.0.0-20221228163002-74ae077eafb2
	// Pinned exactly: kernel/eval/cancel.go reaches unexported fields of yaegi's Interpreter
	// to stop a cell safely (New checks they exist); review it before any upgrade.
	github.com/traefik/yaegi v0.16.1
	// The maintained continuation of gopkg.in/yaml.v3, for the notebook front matter.
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/sys v0.50.0
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/gonum/blas v0.0.0-20181208220705-f22b278b28ac // indirect
	github.com/gonum/lapack v0.0.0-20181123203213-e4cdc5a0bff9 // indirect
	github.com/gonum/matrix v0.0.0-20181209220409-c518dec07be9 // indirect
	github.com/google/go-cmp v0.6.0 // indirect
	github.com/guptarohit/asciigraph v0.5.1 // indirect
	github.com/mattn/go-runewidth v0.0.7 // indirect
	github.com/olekukonko/tablewriter v0.0.4 // indirect
	github.com/rocketlaunchr/dataframe-go v0.0.0-20201007021539-67b046771f0b // indirect
	golang.org/x/exp v0.0.0-20200331195152-e8c3332aa8e5 // indirect
	golang.org/x/sync v0.12.0 // indirect
	golang.org/x/tools v0.30.0 // indirect
)
