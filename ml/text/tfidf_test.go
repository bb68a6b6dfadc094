package text

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml/internal/sklearn"
)

var corpus = []string{
	"The cat sat on the mat.",
	"The dog sat on the log!",
	"Cats and dogs: the_best friends, a b c",
	"Straße und Café — naïve café",
	"",
}

func TestTokens(t *testing.T) {
	got := Tokens("Cats and dogs: the_best friends, a b c 42")
	want := []string{"cats", "and", "dogs", "the_best", "friends", "42"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
	if got := Tokens("Straße — naïve"); !slices.Equal(got, []string{"straße", "naïve"}) {
		t.Errorf("unicode tokens %q", got)
	}
}

func TestByHand(t *testing.T) {
	// Two documents "aa bb" and "aa": n = 2; df(aa) = 2, df(bb) = 1;
	// idf(aa) = ln(3/3)+1 = 1, idf(bb) = ln(3/2)+1 = 1.405465.
	// Document 1: (1, 1.405465) / √(1 + 1.975332) = (0.579739, 0.814802).
	v, err := Fit([]string{"aa bb", "aa"}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	X := v.Transform([]string{"aa bb", "zz"})
	if math.Abs(X[0][0]-0.579739) > 1e-6 || math.Abs(X[1][0]-0.814802) > 1e-6 || X[0][1] != 0 || X[1][1] != 0 {
		t.Fatalf("tf-idf %v", X)
	}
	// The vocabulary limit keeps the most frequent terms: "aa" (2) over "bb" (1).
	v, _ = Fit([]string{"aa bb", "aa"}, Config{MaxTerms: 1})
	if !slices.Equal(v.Terms, []string{"aa"}) {
		t.Errorf("limited terms %v", v.Terms)
	}
	v, _ = Fit([]string{"aa bb", "aa"}, Config{MinDocs: 2})
	if !slices.Equal(v.Terms, []string{"aa"}) {
		t.Errorf("min docs terms %v", v.Terms)
	}
	for _, c := range []struct {
		docs []string
		cfg  Config
		want string
	}{
		{nil, Config{}, "no documents"},
		{[]string{"a b", ""}, Config{}, "no term"},
		{[]string{"aa"}, Config{MaxTerms: -1}, "negative"},
	} {
		if _, err := Fit(c.docs, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.docs, err, c.want)
		}
	}
}

func TestMatchesScikitLearn(t *testing.T) {
	in, _ := json.Marshal(corpus)
	out := sklearn.Run(t, `
import sys, json
from sklearn.feature_extraction.text import TfidfVectorizer
v = TfidfVectorizer()
X = v.fit_transform(json.loads(sys.argv[1])).toarray()
print(json.dumps({"terms": v.get_feature_names_out().tolist(), "x": X.tolist(), "idf": v.idf_.tolist()}))
`, string(in))
	var sk struct {
		Terms []string
		X     [][]float64
		IDF   []float64
	}
	if err := json.Unmarshal(out, &sk); err != nil {
		t.Fatal(err)
	}
	v, err := Fit(corpus, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(v.Terms, sk.Terms) {
		t.Fatalf("terms %v\nscikit-learn %v", v.Terms, sk.Terms)
	}
	X := v.Transform(corpus)
	for i := range corpus {
		for tm := range v.Terms {
			if math.Abs(X[tm][i]-sk.X[i][tm]) > 1e-12 {
				t.Errorf("doc %d term %q: %v, scikit-learn %v", i, v.Terms[tm], X[tm][i], sk.X[i][tm])
			}
		}
	}
}
