// Command cairn is an offline data-science notebook for Go. See `cairn --help`.
package main

import (
	"os"

	"github.com/cairn-notebook/cairn/app/cli"
	"github.com/cairn-notebook/cairn/kernel"
)

func main() {
	// The kernel is this binary re-executed by the app (hidden command). It is dispatched here,
	// not in app/cli, so that only the binary links the kernel and DuckDB, not the app's tests.
	if len(os.Args) > 1 && os.Args[1] == "kernel" {
		os.Exit(kernel.Main(os.Args[2:]))
	}
	os.Exit(cli.Main(os.Args[1:]))
}
