package data

import (
	"fmt"
	"testing"
)

// BenchmarkSaveCommunity is one clerk's save of an opened record (read,
// change, save with its version check and audit row), on the store the
// tests run on: the data folder, or with JIAYUAN_TEST_STORE=postgres the
// server (a local socket: the network's round trips come on top).
func BenchmarkSaveCommunity(b *testing.B) {
	st, err := openFresh(b)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Operator = "测试员"
	c := Community{Name: "滨江社区"}
	if err := st.SaveCommunity(&c); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := st.Community(c.ID)
		if err != nil {
			b.Fatal(err)
		}
		got.Notes = fmt.Sprintf("第%d次", i)
		if err := st.SaveCommunity(&got); err != nil {
			b.Fatal(err)
		}
	}
}
