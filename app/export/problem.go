package export

import (
	"fmt"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// ProblemText renders a notebook's problem card as the text a model card carries.
func ProblemText(p notebook.Problem) string {
	var b strings.Builder
	for _, f := range [][2]string{{"What", p.What}, {"Why", p.Why}, {"How it is used", p.HowUsed},
		{"Who asks", p.WhoAsks}, {"Success", p.Success}, {"By hand", p.ByHand}} {
		if v := strings.TrimSpace(f[1]); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", f[0], v)
		}
	}
	return strings.TrimSpace(b.String())
}
