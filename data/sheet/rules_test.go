package sheet

import (
	"path/filepath"
	"testing"

	"jiayuan/data"
)

// rulesFixture holds two communities, compounds and a small tree of
// organisations, one of them (两新) under a parent in the other community.
type rulesFixture struct {
	st                         *data.Store
	longhe, hushan             data.Community
	yi, er                     data.Compound
	zongzhi, zhibu, xiaozu, wu data.Org
	hushanZongzhi, newBranch   data.Org
}

func newRulesFixture(t *testing.T) *rulesFixture {
	t.Helper()
	f := &rulesFixture{st: newStore(t)}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.longhe, f.hushan = data.Community{Name: "龙河社区"}, data.Community{Name: "虎山社区"}
	must(f.st.SaveCommunity(&f.longhe))
	must(f.st.SaveCommunity(&f.hushan))
	f.yi = data.Compound{Name: "一号院", CommunityID: f.longhe.ID}
	f.er = data.Compound{Name: "二号院", CommunityID: f.longhe.ID}
	must(f.st.SaveCompound(&f.yi))
	must(f.st.SaveCompound(&f.er))
	org := func(o *data.Org, name, kind string, comm int64, parent *data.Org) {
		*o = data.Org{Name: name, Kind: kind, CommunityID: comm}
		if parent != nil {
			o.ParentID = &parent.ID
		}
		must(f.st.SaveOrg(o))
	}
	org(&f.zongzhi, "总支甲", data.OrgGeneralBranch, f.longhe.ID, nil)
	org(&f.zhibu, "支部乙", data.OrgCommunityBranch, f.longhe.ID, &f.zongzhi)
	org(&f.xiaozu, "小组丙", data.OrgGroup, f.longhe.ID, &f.zhibu)
	org(&f.wu, "支部戊", data.OrgCommunityBranch, f.longhe.ID, nil)
	org(&f.hushanZongzhi, "虎山总支", data.OrgGeneralBranch, f.hushan.ID, nil)
	org(&f.newBranch, "新支部", data.OrgNewBranch, f.hushan.ID, &f.zongzhi)
	return f
}

// TestRulesAreTheSameForSaveAndImport feeds the same bad cases to a single
// save (the rules answered from the database) and to the Excel import (the
// rules answered in memory) and requires the same message from both. The
// last case (a 两新 organisation named like its sibling under a parent in
// another community) passed the import before the rules were shared.
func TestRulesAreTheSameForSaveAndImport(t *testing.T) {
	f := newRulesFixture(t)
	orgHead := []any{UUIDHeader, "组织名称", "类型", "所属社区", "上级组织"}
	orgRow := func(o data.Org, name, parent string) [][]any {
		return [][]any{orgHead, {o.UUID, name, o.Kind, "龙河社区", parent}}
	}
	withParent := func(o data.Org, p data.Org) *data.Org {
		o.ParentID = &p.ID
		return &o
	}
	renamedOrg := func(o data.Org, name string) *data.Org { o.Name = name; return &o }
	cases := []struct {
		name         string
		save         func() error
		kind         Kind
		rows         [][]any
		field, label string
		want         string
	}{
		{"cycle", func() error { return f.st.SaveOrg(withParent(f.zongzhi, f.zhibu)) }, Orgs,
			orgRow(f.zongzhi, "总支甲", "支部乙"), "ParentID", "上级组织", "所选上级是本组织的下级，会形成循环"},
		{"under a group", func() error { return f.st.SaveOrg(withParent(f.wu, f.xiaozu)) }, Orgs,
			orgRow(f.wu, "支部戊", "小组丙"), "ParentID", "上级组织", "党小组下不能再设组织"},
		{"other community", func() error { return f.st.SaveOrg(withParent(f.wu, f.hushanZongzhi)) }, Orgs,
			orgRow(f.wu, "支部戊", "虎山总支"), "ParentID", "上级组织", "上级组织不在同一社区"},
		{"itself", func() error { return f.st.SaveOrg(withParent(f.wu, f.wu)) }, Orgs,
			orgRow(f.wu, "支部戊", "支部戊"), "ParentID", "上级组织", "不能把组织自己设为上级"},
		{"org name taken", func() error { return f.st.SaveOrg(renamedOrg(f.wu, "总支甲")) }, Orgs,
			orgRow(f.wu, "总支甲", ""), "Name", "组织名称", "“总支甲”已经存在"},
		{"compound name taken", func() error { c := f.er; c.Name = "一号院"; return f.st.SaveCompound(&c) }, Compounds,
			[][]any{{UUIDHeader, "小区名称", "所属社区"}, {f.er.UUID, "一号院", "龙河社区"}}, "Name", "小区名称", "“一号院”已经存在"},
		{"community name taken", func() error { c := f.hushan; c.Name = "龙河社区"; return f.st.SaveCommunity(&c) }, Communities,
			[][]any{{UUIDHeader, "社区名称"}, {f.hushan.UUID, "龙河社区"}}, "Name", "社区名称", "“龙河社区”已经存在"},
		{"两新 sibling name taken", func() error {
			return f.st.SaveOrg(&data.Org{Name: "新支部", Kind: data.OrgNewBranch, CommunityID: f.longhe.ID, ParentID: &f.zongzhi.ID})
		}, Orgs, [][]any{orgHead, {nil, "新支部", data.OrgNewBranch, "龙河社区", "总支甲"}}, "Name", "组织名称", "“新支部”已经存在"},
	}
	path := filepath.Join(t.TempDir(), "rules.xlsx")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			saved := fieldMsg(t, c.save(), c.field)
			writeBook(t, path, c.rows)
			_, err := Import(f.st, c.kind, path, nil)
			ie := importErr(t, err)
			imported := ""
			for _, p := range ie.Problems {
				if p.Column == c.label {
					imported = p.Reason
				}
			}
			if saved != c.want || imported != c.want {
				t.Errorf("save says %q, import says %q (all: %v); want %q from both", saved, imported, ie, c.want)
			}
		})
	}
}
