package kmeans

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// blobs: three groups of 3000, 2000 and 1000 rows around (0,0), (10,0),
// (0,10), sd 1; a third feature is noise shared by all.
func blobs() ([][]float64, []int) {
	rng := rand.New(rand.NewPCG(1, 1))
	centers := [][2]float64{{0, 0}, {10, 0}, {0, 10}}
	sizes := []int{3000, 2000, 1000}
	X := [][]float64{nil, nil, nil}
	var truth []int
	for g, n := range sizes {
		for range n {
			X[0] = append(X[0], centers[g][0]+rng.NormFloat64())
			X[1] = append(X[1], centers[g][1]+rng.NormFloat64())
			X[2] = append(X[2], rng.NormFloat64())
			truth = append(truth, g)
		}
	}
	return X, truth
}

func TestRecoversBlobs(t *testing.T) {
	X, truth := blobs()
	m, labels, err := Fit(X, Config{K: 3}, ml.FitOptions{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	// Every true group maps to one cluster, and different groups to different ones.
	of := map[int]int{}
	for i, g := range truth {
		if l, ok := of[g]; ok && l != labels[i] {
			t.Fatalf("group %d split across clusters %d and %d", g, l, labels[i])
		}
		of[g] = labels[i]
	}
	if len(map[int]bool{of[0]: true, of[1]: true, of[2]: true}) != 3 {
		t.Fatalf("groups merged: %v", of)
	}
	if c := m.Centroids[of[1]*3:]; math.Abs(c[0]-10) > 0.1 || math.Abs(c[1]) > 0.1 {
		t.Errorf("centroid of (10,0): %v", c[:3])
	}
	if m.Assign([]float64{9, 1, 0}) != of[1] {
		t.Error("Assign of a point near (10,0)")
	}
	sum, err := m.Summary([]string{"x", "y", "noise"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Largest first; the (0,10) group's top trait is y, far above the mean (≈3.3).
	if sum[0].Size != 3000 || sum[2].Size != 1000 || sum[2].Traits[0].Feature != "y" || sum[2].Traits[0].Z < 2 {
		t.Errorf("summary:\n%v\n%v\n%v", sum[0], sum[1], sum[2])
	}
	if !strings.Contains(sum[2].String(), "y +") {
		t.Error(sum[2].String())
	}
}

func TestDeterministic(t *testing.T) {
	X, _ := blobs()
	a, la, _ := Fit(X, Config{K: 5, Standardize: true}, ml.FitOptions{Seed: 9, Workers: 1})
	b, lb, _ := Fit(X, Config{K: 5, Standardize: true}, ml.FitOptions{Seed: 9, Workers: 3})
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(la, lb) {
		t.Fatal("same seed, different clusterings for 1 and 3 workers")
	}
}

func TestBadInputAndCancel(t *testing.T) {
	for _, c := range []struct {
		X    [][]float64
		k    int
		want string
	}{
		{[][]float64{{1, 2}}, 3, "K must be between 1 and the number of rows (2)"},
		{[][]float64{{1, math.Inf(1)}}, 1, "feature 0 row 1 is +Inf"},
		{[][]float64{{1, 2}, {1}}, 1, "feature 1 has 1 rows"},
		{nil, 1, "no features"},
	} {
		if _, _, err := Fit(c.X, Config{K: c.k}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.X, err, c.want)
		}
	}
	X, _ := blobs()
	ctx, cancel := context.WithCancel(context.Background())
	_, _, err := Fit(X, Config{K: 3}, ml.FitOptions{Ctx: ctx, Progress: func(int, int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	// Fewer distinct rows than K still works.
	m, _, err := Fit([][]float64{{1, 1, 1, 2}}, Config{K: 3}, ml.FitOptions{})
	if err != nil || m.Sizes[0]+m.Sizes[1]+m.Sizes[2] != 4 {
		t.Fatalf("duplicates: %v %v", m, err)
	}
}
