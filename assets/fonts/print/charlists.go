//go:build ignore

// charlists writes the character lists the print fonts are cut to:
// gb2312.txt (every character of GB 2312) and gbk.txt (every character of
// GBK), both taken from golang.org/x/text's GBK decoder, plus extra.txt
// (ASCII, common punctuation and symbols any document may use).
// Run from the repository root: go run assets/fonts/print/charlists.go DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func decode(b []byte) (rune, bool) {
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		return 0, false
	}
	r, n := utf8.DecodeRune(out)
	if n != len(out) || r == utf8.RuneError {
		return 0, false
	}
	// Private-use code points stand for user-defined GBK areas: no font has them.
	if r >= 0xE000 && r <= 0xF8FF {
		return 0, false
	}
	return r, true
}

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	var gb, gbk []rune
	seen := map[rune]bool{}
	for hi := 0x81; hi <= 0xFE; hi++ {
		for lo := 0x40; lo <= 0xFE; lo++ {
			if lo == 0x7F {
				continue
			}
			r, ok := decode([]byte{byte(hi), byte(lo)})
			if !ok || seen[r] {
				continue
			}
			seen[r] = true
			gbk = append(gbk, r)
			if hi >= 0xA1 && hi <= 0xF7 && lo >= 0xA1 {
				gb = append(gb, r)
			}
		}
	}
	var extra []rune
	for r := rune(0x20); r < 0x7F; r++ {
		extra = append(extra, r)
	}
	for _, s := range []string{"«»·×÷°±§¨", "–—―‘’“”…‥‰′″※€", "、。〃〇〈〉《》「」『』【】〔〕〖〗〝〞",
		"ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑", "→←↑↓√∶■□▲△◆◇○◎●★☆",
		"！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～￥"} {
		extra = append(extra, []rune(s)...)
	}
	for name, rs := range map[string][]rune{"gb2312.txt": gb, "gbk.txt": gbk, "extra.txt": extra} {
		var sb strings.Builder
		for i, r := range rs {
			sb.WriteRune(r)
			if i%64 == 63 {
				sb.WriteByte('\n')
			}
		}
		sb.WriteByte('\n')
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d characters\n", name, len(rs))
	}
}
