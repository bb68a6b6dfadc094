package cli

import (
	"fmt"
	"os"

	"github.com/cairn-notebook/cairn/app/convert"
)

const convertAbout = `Converts the notebook IN to OUT; the formats come from the file names:
  .cairn.md (or .md)  a Cairn notebook
  .ipynb              a Jupyter notebook (nbformat 4.5, Go kernel "gonb"); read and written
  .html               one self-contained HTML report (charts interactive, works offline); written only
OUT is replaced if it exists, as cp does (written atomically); IN is never changed.

With one argument, --no-outputs strips the saved outputs of a .cairn.md notebook in place:
  cairn convert --no-outputs NB.cairn.md
A notebook that does not parse is left untouched.`

func convertCmd(args []string) int {
	fs := newFlags("convert", "IN OUT [--no-outputs] [--hide-code]  |  --no-outputs NB.cairn.md", convertAbout)
	noOutputs := fs.Bool("no-outputs", false, "leave the saved outputs out (with one argument: strip them in place)")
	hideCode := fs.Bool("hide-code", false, "HTML: start with the code cells' source hidden (the page has a toggle)")
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	var err error
	switch {
	case len(pos) == 1 && *noOutputs && !*hideCode:
		err = convert.StripOutputs(pos[0])
	case len(pos) == 2:
		err = convert.Convert(pos[0], pos[1], convert.Options{NoOutputs: *noOutputs, HideCode: *hideCode})
	default:
		fmt.Fprintln(os.Stderr, "cairn convert: expected IN OUT (or --no-outputs NB.cairn.md); see 'cairn convert --help'")
		return 2
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn convert: %v\n", err)
		return 1
	}
	return 0
}
