// Command cairn is an offline data-science notebook for Go. See `cairn --help`.
package main

import (
	"os"

	"github.com/cairn-notebook/cairn/app/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
