package documents

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"jiayuan/data"
	"jiayuan/data/score"
	"jiayuan/reports"
)

// listDate is a date as lists write it: 2015.08.20, or 2015.08 when known to the month.
func listDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	if d.MonthOnly() {
		return fmt.Sprintf("%d.%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%d.%02d.%02d", d.Year, d.Month, d.Day)
}

// RecordsTable builds the printable list of one kind of record.
func RecordsTable(st *data.Store, kind string) (reports.RecordTable, error) {
	s, err := st.Settings()
	if err != nil {
		return reports.RecordTable{}, err
	}
	office := s.OfficeName
	t := reports.RecordTable{Landscape: true, Date: today(st), DateStyle: dateStyle(s.DateFormLists, reports.DateArabic)}
	switch kind {
	case KindCommunities:
		err = communitiesTable(st, &t, office)
	case KindCompounds:
		err = compoundsTable(st, &t, office)
	case KindOrgs:
		err = orgsTable(st, &t, office)
	default:
		return t, fmt.Errorf("没有“%s”这种名册，可选：%s", kind, strings.Join(Kinds, "、"))
	}
	if err != nil {
		return t, err
	}
	if len(t.Rows) == 0 || len(t.Rows) == 1 && t.Rows[0].Total {
		return t, fmt.Errorf("%s还没有记录，无法打印", strings.TrimPrefix(t.Title, office))
	}
	return t, nil
}

// pick lists one count of every record.
func pick[T any](rows []T, f func(T) data.Count) []data.Count {
	out := make([]data.Count, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

// totalRow is a roster's 合计 line: in each column given, the sum of its
// counts (约 when one of them is approximate, and then a note under the list).
func totalRow(t *reports.RecordTable, n int, sums map[int][]data.Count) reports.TableRow {
	cells := make([]string, n)
	cells[0] = "合计"
	approx := false
	for j, cs := range sums {
		sum := data.SumCounts(cs...)
		cells[j] = data.TotalText(sum)
		approx = approx || sum.Approx
	}
	if approx {
		t.Notes = append(t.Notes, "注：合计中带“约”的数含估计数（有的记录只填了大约的数）。")
	}
	return reports.TableRow{Record: "合计行", Cells: cells, Total: true}
}

// seq is the 序号 of the i-th row (from 0).
func seq(i int) string { return strconv.Itoa(i + 1) }

// communitiesTable fills t with the list of communities.
func communitiesTable(st *data.Store, t *reports.RecordTable, office string) error {
	cs, err := st.Communities()
	if err != nil {
		return err
	}
	byPinyin(cs, func(c *data.Community) []string { return []string{c.Name} })
	t.Title = office + "社区名册"
	t.Subtitle = fmt.Sprintf("共%d个社区", len(cs))
	t.Columns = []reports.TableColumn{{Title: "序号", Align: reports.CellCenter}, {Title: "社区名称"},
		{Title: "区划代码", Align: reports.CellCenter}, {Title: "成立时间", Align: reports.CellCenter},
		{Title: "户数", Align: reports.CellRight}, {Title: "服务人口", Align: reports.CellRight},
		{Title: "网格", Align: reports.CellRight}, {Title: "党组织书记"}, {Title: "居委会主任"},
		{Title: "联系电话"}, {Title: "地址"}, {Title: "工作法"}}
	for i, c := range cs {
		phone := c.SecretaryPhone
		if phone == "" {
			phone = c.DirectorPhone
		}
		t.Rows = append(t.Rows, reports.TableRow{Record: c.Label(), Cells: []string{seq(i), c.Name, c.DivisionCode,
			listDate(c.Founded), c.Households.String(), c.Population.String(), c.Grids.String(), c.Secretary, c.Director,
			phone, c.Address, c.WorkMethod}})
	}
	t.Rows = append(t.Rows, totalRow(t, len(t.Columns), map[int][]data.Count{
		4: pick(cs, func(c data.Community) data.Count { return c.Households }),
		5: pick(cs, func(c data.Community) data.Count { return c.Population }),
		6: pick(cs, func(c data.Community) data.Count { return c.Grids })}))
	return nil
}

// compoundsTable fills t with the list of compounds.
func compoundsTable(st *data.Store, t *reports.RecordTable, office string) error {
	cs, err := st.Compounds(0)
	if err != nil {
		return err
	}
	byPinyin(cs, func(c *data.Compound) []string { return []string{c.CommunityName, c.Name} })
	t.Title = office + "小区（院落）名册"
	t.Subtitle = fmt.Sprintf("共%d个小区", len(cs))
	t.Columns = []reports.TableColumn{{Title: "序号", Align: reports.CellCenter}, {Title: "小区名称"},
		{Title: "所属社区"}, {Title: "类型", Align: reports.CellCenter},
		{Title: "建成年份", Align: reports.CellCenter}, {Title: "楼栋", Align: reports.CellRight},
		{Title: "户数", Align: reports.CellRight}, {Title: "居民", Align: reports.CellRight},
		{Title: "物业服务企业"}, {Title: "物业电话"}, {Title: "业委会", Align: reports.CellCenter},
		{Title: "地址"}}
	for i, c := range cs {
		year := ""
		if c.YearBuilt > 0 {
			year = strconv.Itoa(c.YearBuilt)
		}
		committee := "无"
		if c.OwnersCommittee {
			committee = "有"
			if c.CommitteeChair != "" {
				committee += "（" + c.CommitteeChair + "）"
			}
		}
		t.Rows = append(t.Rows, reports.TableRow{Record: c.Label(), Cells: []string{seq(i), c.Name, c.CommunityName, c.Kind,
			year, c.Buildings.String(), c.Households.String(), c.Residents.String(), c.PropertyCompany, c.PropertyPhone,
			committee, c.Address}})
	}
	t.Rows = append(t.Rows, totalRow(t, len(t.Columns), map[int][]data.Count{
		5: pick(cs, func(c data.Compound) data.Count { return c.Buildings }),
		6: pick(cs, func(c data.Compound) data.Count { return c.Households }),
		7: pick(cs, func(c data.Compound) data.Count { return c.Residents })}))
	return nil
}

// orgsTable fills t with the list of Party organisations, each election
// overdue or soon due marked, and a note counting the overdue ones.
func orgsTable(st *data.Store, t *reports.RecordTable, office string) error {
	os, err := st.Orgs(0)
	if err != nil {
		return err
	}
	byPinyin(os, func(o *data.Org) []string { return []string{o.CommunityName, o.Name} })
	t.Title = office + "党组织名册"
	t.Subtitle = fmt.Sprintf("共%d个党组织", len(os))
	t.Columns = []reports.TableColumn{{Title: "序号", Align: reports.CellCenter}, {Title: "组织名称"},
		{Title: "类型", Align: reports.CellCenter}, {Title: "上级组织"}, {Title: "所属社区"},
		{Title: "所在小区"}, {Title: "书记"}, {Title: "党员人数", Align: reports.CellRight},
		{Title: "成立时间", Align: reports.CellCenter}, {Title: "上次换届", Align: reports.CellCenter},
		{Title: "换届到期", Align: reports.CellCenter}}
	now := today(st)
	overdue := 0
	for i, o := range os {
		due := ""
		if d := o.ElectionDue(); !d.IsZero() {
			due = listDate(d)
			switch o.ElectionState(now) {
			case data.ElectionOverdue:
				due += "（已到期）"
				overdue++
			case data.ElectionSoon:
				due += "（将到期）"
			}
		}
		t.Rows = append(t.Rows, reports.TableRow{Record: o.Label(), Cells: []string{seq(i), o.Name, o.Kind, o.ParentName,
			o.CommunityName, o.CompoundName, o.Secretary, o.Members.String(), listDate(o.Founded), listDate(o.LastElection), due}})
	}
	var top []data.Count // members are counted once: in the organisations at the top
	for _, o := range os {
		if o.ParentID == nil {
			top = append(top, o.Members)
		}
	}
	t.Rows = append(t.Rows, totalRow(t, len(t.Columns), map[int][]data.Count{7: top}))
	t.Notes = append(t.Notes, "注：党员人数合计只计没有上级组织的党组织，下属组织的党员不重复计算。")
	if overdue > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("注：%d个党组织已到换届时间，请督促按期换届。", overdue))
	}
	return nil
}

// Records writes the printable list of communities, compounds or Party
// organisations (kind: KindCommunities, KindCompounds, KindOrgs).
func Records(st *data.Store, kind string, w io.Writer) error {
	t, err := RecordsTable(st, kind)
	if err != nil {
		return err
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.RecordList(w, t, f)
}

// NominationForm builds one nomination's 申报表: once submitted, from the
// snapshot of its current version (what was submitted prints the same
// forever); a draft from the records as they are.
func NominationForm(st *data.Store, nominationID int64) (reports.NominationForm, error) {
	n, err := st.Nomination(nominationID)
	if err != nil {
		return reports.NominationForm{}, err
	}
	r, err := st.Round(n.RoundID)
	if err != nil {
		return reports.NominationForm{}, err
	}
	d, err := st.PrintValues(n)
	if err != nil {
		return reports.NominationForm{}, err
	}
	f := reports.NominationForm{
		Title: r.Title + "申报表", Category: d.CategoryName, Nominee: d.NomineeName, Community: d.CommunityName,
		Methods: d.Methods, Highlights: d.Highlights, Contact: d.Contact, Phone: d.ContactPhone, Opinion: d.Opinion,
		State: n.State.Label(), Printed: today(st),
	}
	if d.NomineeKind != data.NomineeCompound {
		f.Community = ""
	}
	if n.Version > 1 {
		f.State += fmt.Sprintf("（第%d版）", n.Version)
	}
	if t := dateOf(d.SubmittedAt); !t.IsZero() {
		f.Submitted = reports.FormatDate(t)
	}
	for _, x := range d.Facts {
		if strings.TrimSpace(x.Value) != "" {
			f.Facts = append(f.Facts, reports.FormItem{Label: x.Label, Value: x.Value})
		}
	}
	var max score.Decimal
	for _, c := range r.Criteria {
		s := ""
		if v, ok := d.SelfScores[c.ID]; ok {
			s = v.String()
		}
		f.SelfScores = append(f.SelfScores, reports.FormScore{Name: c.Name, Max: c.Max.String(), Score: s})
		max = max.Add(c.Max)
	}
	if len(d.SelfScores) > 0 {
		f.SelfTotal = d.SelfScores.Total().String()
	}
	f.MaxTotal = max.String()
	for _, a := range d.Attachments {
		f.Attachments = append(f.Attachments, a.Name)
	}
	return f, nil
}

// Nomination writes one nomination's 申报表.
func Nomination(st *data.Store, nominationID int64, w io.Writer) error {
	form, err := NominationForm(st, nominationID)
	if err != nil {
		return err
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.NominationSheet(w, form, f)
}
