package data

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

var (
	collatorMu sync.Mutex
	collator   = collate.New(language.Chinese) // pinyin order for names
	collateBuf collate.Buffer
)

// PinyinKey is the sort key of s in pinyin order (滨 bin before 龙 long before
// 南 nan), as the window's lists and the printed rosters sort names: compare
// keys as strings. Safe for concurrent use.
func PinyinKey(s string) string {
	collatorMu.Lock()
	defer collatorMu.Unlock()
	k := string(collator.KeyFromString(&collateBuf, s))
	collateBuf.Reset()
	return k
}
