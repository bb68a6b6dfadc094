package main

import (
	"math/rand/v2"
)

// task is a generated binary classification data set, column-major like ml/tree takes it.
type task struct {
	X [][]float64
	y []float64
}

// spec shapes the generator, after scikit-learn's make_classification: each class is a few
// Gaussian clusters at hypercube vertices in the informative features, redundant features are
// random linear mixes of those, the rest is noise, and a share of labels is replaced at random.
type spec struct {
	informative, redundant, noise int
	clustersPerClass              int
	classSep, flipY               float64
}

var benchSpec = spec{informative: 8, redundant: 4, noise: 8, clustersPerClass: 2, classSep: 1.0, flipY: 0.05}

// generate draws train and test sets from one distribution, deterministically from seed.
func generate(s spec, nTrain, nTest int, seed uint64) (train, test task) {
	rng := rand.New(rand.NewPCG(seed, 0xb3c4))
	ni, p := s.informative, s.informative+s.redundant+s.noise
	clusters := 2 * s.clustersPerClass
	centroids := make([][]float64, clusters)
	mix := make([][][]float64, clusters) // per cluster: ni×ni covariance factor
	vertices := rng.Perm(1 << ni)        // distinct hypercube vertices, as bit patterns
	for c := range centroids {
		centroids[c] = make([]float64, ni)
		v := vertices[c]
		for d := range ni {
			centroids[c][d] = s.classSep * float64(2*int(v>>d&1)-1)
		}
		mix[c] = randMatrix(rng, ni, ni)
	}
	red := randMatrix(rng, ni, s.redundant)
	perm := rng.Perm(p)
	draw := func(n int) task {
		t := task{X: make([][]float64, p), y: make([]float64, n)}
		for j := range t.X {
			t.X[j] = make([]float64, n)
		}
		z, x := make([]float64, ni), make([]float64, p)
		for i := range n {
			c := rng.IntN(clusters)
			for d := range z {
				z[d] = rng.NormFloat64()
			}
			for d := range ni {
				x[d] = centroids[c][d]
				for e := range ni {
					x[d] += z[e] * mix[c][e][d]
				}
			}
			for r := range s.redundant {
				x[ni+r] = 0
				for d := range ni {
					x[ni+r] += x[d] * red[d][r]
				}
			}
			for k := ni + s.redundant; k < p; k++ {
				x[k] = rng.NormFloat64()
			}
			for j := range p {
				t.X[perm[j]][i] = x[j]
			}
			t.y[i] = float64(c % 2)
			if rng.Float64() < s.flipY {
				t.y[i] = float64(rng.IntN(2))
			}
		}
		return t
	}
	return draw(nTrain), draw(nTest)
}

func randMatrix(rng *rand.Rand, r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
		for j := range m[i] {
			m[i][j] = 2*rng.Float64() - 1
		}
	}
	return m
}
