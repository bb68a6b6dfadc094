package ml

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ModelMIME is the MIME type of a model card.
const ModelMIME = "application/vnd.cairn.model+json"

// Card is a model's card: what it predicts from what, how well, and where
// it came from. Its JSON is the ModelMIME payload.
type Card struct {
	CardVersion int            `json:"card_version"` // 1
	Kind        string         `json:"kind"`
	Task        Task           `json:"task"`
	Target      string         `json:"target"`
	Classes     []string       `json:"classes,omitempty"`
	Features    []CardFeature  `json:"features"`
	Metrics     *Metrics       `json:"metrics,omitempty"`
	Importance  Importances    `json:"importance,omitempty"`
	GroupBy     string         `json:"group_by,omitempty"`
	Groups      []GroupMetrics `json:"groups,omitempty"`
	TrainRows   int            `json:"train_rows"`
	DataHash    string         `json:"data_hash"`
	Seed        uint64         `json:"seed"`
	Created     time.Time      `json:"created"`
	Versions    Versions       `json:"versions"`
	Problem     string         `json:"problem,omitempty"`
}

// CardFeature is one feature as the card shows it.
type CardFeature struct {
	Name       string  `json:"name"`
	Kind       Kind    `json:"kind"`
	Type       string  `json:"type"`
	Categories int     `json:"categories,omitempty"` // number of known categories
	Missing    float64 `json:"missing"`              // training share missing
}

// Card returns the model's card.
func (m *Model) Card() Card {
	c := Card{CardVersion: 1, Kind: m.Kind, Task: m.Schema.Task, Target: m.Schema.Target,
		Classes: m.Schema.Classes, Metrics: m.Metrics, Importance: m.Importance, GroupBy: m.GroupBy, Groups: m.Groups, TrainRows: m.TrainRows, DataHash: m.DataHash,
		Seed: m.Seed, Created: m.Created, Versions: m.Versions, Problem: m.Problem}
	for _, f := range m.Schema.Features {
		c.Features = append(c.Features, CardFeature{Name: f.Name, Kind: f.Kind, Type: string(f.Type),
			Categories: len(f.Categories), Missing: f.Missing})
	}
	return c
}

// MIMEBundle shows the model as its card.
func (m *Model) MIMEBundle() map[string]string { return m.Card().MIMEBundle() }

// MIMEBundle returns the card as ModelMIME JSON plus a text rendering.
func (c Card) MIMEBundle() map[string]string {
	b, err := json.Marshal(c)
	if err != nil {
		return map[string]string{"text/plain": "model card: " + err.Error()}
	}
	return map[string]string{ModelMIME: string(b), "text/plain": c.String()}
}

// String renders the card as text.
func (c Card) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Model: %s (%s of %q)\n", c.Kind, c.Task, c.Target)
	if len(c.Classes) > 0 {
		fmt.Fprintf(&b, "Classes: %s\n", strings.Join(c.Classes, ", "))
	}
	names := make([]string, len(c.Features))
	for i, f := range c.Features {
		names[i] = f.Name + " (" + string(f.Kind) + ")"
	}
	fmt.Fprintf(&b, "Features: %s\n", strings.Join(names, ", "))
	if c.Metrics != nil {
		fmt.Fprintf(&b, "Test: %s\n", c.Metrics)
	} else {
		b.WriteString("Test: not evaluated (call Evaluate on held-out rows)\n")
	}
	if len(c.Importance) > 0 {
		b.WriteString("Importance (score drop when shuffled):\n")
		for _, i := range c.Importance[:min(len(c.Importance), 5)] {
			fmt.Fprintf(&b, "  %-20s %.4f ± %.4f\n", i.Feature, i.Mean, i.Std)
		}
	}
	if len(c.Groups) > 0 {
		fmt.Fprintf(&b, "By %s:\n", c.GroupBy)
		for _, g := range c.Groups {
			fmt.Fprintf(&b, "  %-20s %s\n", g.Group, g.Metrics)
		}
	}
	fmt.Fprintf(&b, "Trained: %d rows, data %s, seed %d, %s, cairn %s, %s",
		c.TrainRows, c.DataHash, c.Seed, c.Created.Format(time.RFC3339), c.Versions.Cairn, c.Versions.Go)
	if c.Problem != "" {
		fmt.Fprintf(&b, "\nProblem: %s", c.Problem)
	}
	return b.String()
}
