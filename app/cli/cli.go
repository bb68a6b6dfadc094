// Package cli is Cairn's command line: it dispatches `cairn CMD` to the command's code and
// prints help. Each command lives in its own file.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Version is set at build time with -ldflags "-X github.com/cairn-notebook/cairn/app/cli.Version=v1.2.3".
var Version = "dev"

type command struct {
	name, args, summary string
	run                 func(args []string) int
}

func commands() []command {
	return []command{
		{"run", "NOTEBOOK [--param k=v]... [--output FILE] [--timeout D]", "run every cell of a notebook in a fresh kernel", runCmd},
		{"serve", "[PATH] [--addr 127.0.0.1:0] [--token T] [--no-browser]", "serve the notebook UI to your web browser", serveCmd},
		{"open", "PATH", "open a notebook in the desktop window (or the browser when there is none)", openCmd},
		{"convert", "IN OUT [--no-outputs] [--hide-code]", "convert a notebook to .ipynb or an HTML report, or back; strip outputs", convertCmd},
		{"export", "NOTEBOOK --model NAME --out PATH [--target GOOS/GOARCH]", "run a notebook and write its model as a standalone REST service binary", exportCmd},
		{"version", "", "print the version", versionCmd},
	}
}

const usageHead = `Cairn is an offline data-science notebook for Go: Go, SQL and Markdown cells in plain
.cairn.md files, run by a kernel process on your machine. Nothing reaches the network.

Usage:
  cairn COMMAND [ARGUMENTS]

Commands:
`

// Main runs the command line and returns the process exit code.
func Main(args []string) int {
	if len(args) == 0 { // the desktop app: the current folder's notebook in a window
		return openCmd(nil)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			return Main([]string{args[1], "--help"})
		}
		usage(os.Stdout)
		return 0
	case "--version", "-version":
		return versionCmd(nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:])
		}
	}
	fmt.Fprintf(os.Stderr, "cairn: unknown command %q\nRun 'cairn --help' for the list of commands.\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'cairn COMMAND --help' for a command's arguments and flags.\n")
}

// newFlags returns a flag set whose --help prints the command's usage and its flags.
func newFlags(name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: cairn %s %s\n\n%s\n", name, args, strings.TrimSpace(about))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(w, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseInterspersed parses flags that may come before or after positional arguments, and
// returns the positional ones. It returns ok=false after printing the problem (or the help).
func parseInterspersed(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(os.Stdout) // asked-for help is output, not an error
			fs.Usage()
			return nil, 0, false
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, 0, false
			}
			return nil, 2, false
		}
		if fs.NArg() == 0 {
			return pos, 0, true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func versionCmd([]string) int {
	v, deps := Version, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		deps = bi.GoVersion
		for _, d := range bi.Deps {
			if d.Path == "github.com/traefik/yaegi" {
				deps += ", yaegi " + d.Version
			}
		}
	}
	fmt.Printf("cairn %s (%s)\n", v, deps)
	return 0
}
