// Package text turns a text column into numeric features: tokens, a
// vocabulary limited to the most frequent terms, and TF-IDF weights, as
// scikit-learn's TfidfVectorizer does by default.
package text

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Tokens lowercases s and splits it into words: runs of letters, digits and
// underscores of at least two characters (scikit-learn's default pattern).
func Tokens(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
	out := words[:0]
	for _, w := range words {
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// Config: MaxTerms keeps the terms most frequent over the corpus (0 = 1000,
// ties by term); MinDocs drops terms found in fewer documents (0 = 1).
type Config struct {
	MaxTerms int
	MinDocs  int
}

// Vectorizer is a fitted vocabulary with inverse document frequencies;
// JSON-encodable. Terms are in lexical order; column t of a transform is
// Terms[t].
type Vectorizer struct {
	Terms []string  `json:"terms"`
	IDF   []float64 `json:"idf"` // ln((1+n)/(1+df)) + 1
	once  sync.Once // builds index (also after JSON decoding); safe for concurrent Transforms
	index map[string]int
}

// Fit learns the vocabulary and IDF weights from docs.
func Fit(docs []string, cfg Config) (*Vectorizer, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("text: no documents")
	}
	if cfg.MaxTerms == 0 {
		cfg.MaxTerms = 1000
	}
	if cfg.MinDocs == 0 {
		cfg.MinDocs = 1
	}
	if cfg.MaxTerms < 0 || cfg.MinDocs < 0 {
		return nil, fmt.Errorf("text: MaxTerms and MinDocs must not be negative")
	}
	tf, df := map[string]int{}, map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range Tokens(d) {
			tf[w]++
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	var terms []string
	for w := range tf {
		if df[w] >= cfg.MinDocs {
			terms = append(terms, w)
		}
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("text: no term occurs in %d or more documents", cfg.MinDocs)
	}
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(tf[b], tf[a]), cmp.Compare(a, b)) })
	terms = terms[:min(len(terms), cfg.MaxTerms)]
	slices.Sort(terms)
	v := &Vectorizer{Terms: terms}
	n := float64(len(docs))
	for _, w := range terms {
		v.IDF = append(v.IDF, math.Log((1+n)/(1+float64(df[w])))+1)
	}
	return v, nil
}

// Transform returns the TF-IDF features of docs, column-major (out[t][i] is
// term t in document i): counts times IDF, each document scaled to unit
// Euclidean length (all zero if it has no known term).
func (v *Vectorizer) Transform(docs []string) [][]float64 {
	v.once.Do(func() {
		v.index = make(map[string]int, len(v.Terms))
		for t, w := range v.Terms {
			v.index[w] = t
		}
	})
	out := make([][]float64, len(v.Terms))
	for t := range out {
		out[t] = make([]float64, len(docs))
	}
	for i, d := range docs {
		var used []int
		for _, w := range Tokens(d) {
			if t, ok := v.index[w]; ok {
				if out[t][i] == 0 {
					used = append(used, t)
				}
				out[t][i]++
			}
		}
		norm := 0.0
		for _, t := range used {
			out[t][i] *= v.IDF[t]
			norm += out[t][i] * out[t][i]
		}
		for _, t := range used {
			out[t][i] /= math.Sqrt(norm)
		}
	}
	return out
}
