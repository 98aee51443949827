package documents

import (
	"sort"

	"jiayuan/data"
)

// byPinyin sorts records in place by their keys (e.g. community, then name),
// compared in pinyin order as the window's lists sort: 滨江 before 龙泉 before 南湖.
func byPinyin[T any](recs []T, keys func(r *T) []string) {
	ks := make([][]string, len(recs))
	for i := range recs {
		for _, k := range keys(&recs[i]) {
			ks[i] = append(ks[i], data.PinyinKey(k))
		}
	}
	idx := make([]int, len(recs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := ks[idx[a]], ks[idx[b]]
		for i := 0; i < len(ka) && i < len(kb); i++ {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return len(ka) < len(kb)
	})
	out := make([]T, len(recs))
	for i, j := range idx {
		out[i] = recs[j]
	}
	copy(recs, out)
}
