package analyze

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// signedLouvain finds communities that maximise the signed modularity of Gómez, Jensen
// and Arenas (2009),
//
//	Q = 1/(2m⁺+2m⁻) Σ_ij [ (w⁺_ij − k⁺_i k⁺_j / 2m⁺) − (w⁻_ij − k⁻_i k⁻_j / 2m⁻) ] δ(c_i, c_j),
//
// with the Louvain method: nodes move to the community that raises Q most, every
// community a candidate (a node with foes only gains by joining the foes of its foes,
// which are not its neighbours), then communities become nodes and the moves repeat.
// It returns each node's community (0-based, dense) and Q.
//
// gonum's ModularizeMultiplex optimises the same function (a positive and a negative
// layer); it reads edge weights through maps at every step and took 30 s of CPU on a
// generated 10k-article graph where this takes well under a second, and a test checks that
// both compute the same Q for a partition.
func signedLouvain(n int, net map[[2]int]float64, seed uint64) ([]int, float64) {
	kp, kn := make([]float64, n), make([]float64, n)
	adj := make([][]arc, n)
	var mp, mn float64 // 2m⁺ and 2m⁻
	for p, w := range net {
		a, b := p[0], p[1]
		pos, neg := max(w, 0), max(-w, 0)
		adj[a] = append(adj[a], arc{b, pos, neg})
		adj[b] = append(adj[b], arc{a, pos, neg})
		kp[a] += pos
		kp[b] += pos
		kn[a] += neg
		kn[b] += neg
		mp += 2 * pos
		mn += 2 * neg
	}
	sortAdj(adj)
	member := make([]int, n) // original node → community
	for i := range member {
		member[i] = i
	}
	rnd := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	ip, in := invOr0(mp), invOr0(mn)

	for {
		N := len(adj)
		comm := make([]int, N)
		sp, sn := make([]float64, N), make([]float64, N) // Σ⁺_C, Σ⁻_C
		size := make([]int, N)
		for i := range N {
			comm[i], sp[i], sn[i], size[i] = i, kp[i], kn[i], 1
		}
		toP, toN := make([]float64, N), make([]float64, N)
		moved := false
		for range 100 {
			changed := 0
			for _, i := range rnd.Perm(N) {
				old := comm[i]
				// Weights from i to each community it has a tie to.
				var touched []int
				for _, e := range adj[i] {
					c := comm[e.to]
					if toP[c] == 0 && toN[c] == 0 {
						touched = append(touched, c)
					}
					toP[c] += e.pos
					toN[c] += e.neg
				}
				sp[old] -= kp[i]
				sn[old] -= kn[i]
				size[old]--
				gain := func(c int) float64 {
					return (toP[c] - kp[i]*sp[c]*ip) - (toN[c] - kn[i]*sn[c]*in)
				}
				best, bestGain := old, gain(old)
				for c := range N {
					if size[c] == 0 || c == old {
						continue
					}
					if g := gain(c); g > bestGain+1e-12 {
						best, bestGain = c, g
					}
				}
				// Alone is also a choice: an empty community gains 0.
				if bestGain < -1e-12 && size[old] > 0 {
					for c := range N {
						if size[c] == 0 {
							best, bestGain = c, 0
							break
						}
					}
				}
				comm[i] = best
				sp[best] += kp[i]
				sn[best] += kn[i]
				size[best]++
				if best != old {
					changed++
				}
				for _, c := range touched {
					toP[c], toN[c] = 0, 0
				}
			}
			if changed == 0 {
				break
			}
			moved = true
		}
		if !moved {
			break
		}
		// Communities become nodes.
		renum := make([]int, N)
		for i := range renum {
			renum[i] = -1
		}
		M := 0
		for i := range N {
			if renum[comm[i]] < 0 {
				renum[comm[i]] = M
				M++
			}
		}
		for i := range member {
			member[i] = renum[comm[member[i]]]
		}
		if M == N {
			break
		}
		nkp, nkn := make([]float64, M), make([]float64, M)
		pair := map[[2]int]arc{}
		for i := range N {
			ci := renum[comm[i]]
			nkp[ci] += kp[i]
			nkn[ci] += kn[i]
			for _, e := range adj[i] {
				cj := renum[comm[e.to]]
				if ci < cj {
					a := pair[[2]int{ci, cj}]
					a.pos += e.pos
					a.neg += e.neg
					pair[[2]int{ci, cj}] = a
				}
			}
		}
		nadj := make([][]arc, M)
		for p, a := range pair {
			nadj[p[0]] = append(nadj[p[0]], arc{p[1], a.pos, a.neg})
			nadj[p[1]] = append(nadj[p[1]], arc{p[0], a.pos, a.neg})
		}
		adj, kp, kn = nadj, nkp, nkn
		sortAdj(adj)
	}
	return member, signedModularity(n, net, member)
}

// signedModularity computes Q for a partition (see signedLouvain).
func signedModularity(n int, net map[[2]int]float64, member []int) float64 {
	var mp, mn, inside float64
	kp, kn := make([]float64, n), make([]float64, n)
	for p, w := range net {
		pos, neg := max(w, 0), max(-w, 0)
		kp[p[0]] += pos
		kp[p[1]] += pos
		kn[p[0]] += neg
		kn[p[1]] += neg
		mp += 2 * pos
		mn += 2 * neg
		if member[p[0]] == member[p[1]] {
			inside += 2 * w
		}
	}
	if mp+mn == 0 {
		return 0
	}
	sp, sn := map[int]float64{}, map[int]float64{}
	for i := range n {
		sp[member[i]] += kp[i]
		sn[member[i]] += kn[i]
	}
	var expect float64
	for c, s := range sp {
		expect += s * s * invOr0(mp)
		expect -= sn[c] * sn[c] * invOr0(mn)
	}
	return (inside - expect) / (mp + mn)
}

func invOr0(x float64) float64 {
	if x == 0 {
		return 0
	}
	return 1 / x
}

// sortAdj orders each adjacency list, so that sums and moves do not depend on Go's map
// iteration order.
func sortAdj[T interface{ target() int }](adj [][]T) {
	for _, l := range adj {
		slices.SortFunc(l, func(x, y T) int { return cmp.Compare(x.target(), y.target()) })
	}
}

// arc is a tie in signedLouvain's working graph.
type arc struct {
	to       int
	pos, neg float64
}

func (a arc) target() int { return a.to }
