package convert

import (
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/ml"
)

// A model card shows as HTML: headline metrics, the confusion matrix, importance, groups and
// provenance, escaped; a malformed card falls back to its text.
func TestHTMLModelCard(t *testing.T) {
	card := `{"card_version":1,"kind":"random_forest","task":"classification","target":"churn","classes":["no","<yes>"],
	"features":[{"name":"age","kind":"numeric","type":"float","missing":0}],
	"metrics":{"task":"classification","rows":100,"accuracy":0.91,"auc":0.95,"log_loss":0.25,
	  "report":{"per_class":[],"macro":{"f1":0.9},"weighted":{}},"confusion":[[60,4],[5,31]]},
	"importance":[{"feature":"age","mean":0.12,"std":0.01}],
	"group_by":"plan","groups":[{"group":"pro","metrics":{"task":"classification","rows":40,"accuracy":0.875}}],
	"train_rows":400,"data_hash":"sha256:abc","seed":7,"created":"2026-11-27T03:00:00Z","versions":{"format":1,"cairn":"v1","go":"go1.26"}}`
	nb := notebook.New()
	nb.Cells = []*notebook.Cell{{ID: "m", Kind: notebook.KindCode, Lang: notebook.LangGo, Outputs: []notebook.Output{
		{Kind: notebook.OutputResult, Data: map[string]string{ml.ModelMIME: card, "text/plain": "Model: random_forest"}},
		{Kind: notebook.OutputResult, Data: map[string]string{ml.ModelMIME: "{broken", "text/plain": "the card as text"}},
	}}}
	b, err := ToHTML(nb, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h := string(b)
	for _, want := range []string{`<strong>random_forest</strong>: classification of <code>churn</code>`, "&lt;yes&gt;",
		"accuracy 0.9100, ROC AUC 0.9500", "macro F1 0.9000", `<td class="num">31</td>`, "<td>age</td>",
		"<caption>By plan</caption>", `<td class="num">0.8750</td>`, "seed 7", "the card as text"} {
		if !strings.Contains(h, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
