package sheet

// A template's drop-down lists and input messages: every field with a fixed
// set of values gets Excel's list validation (WPS shows the same), and every
// field with a rule (dates, codes, phones, years) a message shown when the
// cell is selected.

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// templateRows is how far down a template's validations reach.
const templateRows = 5000

// choicesOf lists the values a field of kind may take, nil when it is free.
func choicesOf(kind Kind, c column) []string {
	switch {
	case c.field == "Kind" && kind == Compounds:
		return data.CompoundKinds
	case c.field == "Kind" && kind == Orgs:
		return data.OrgKinds
	case c.typ == typeBool:
		return []string{"是", "否"}
	}
	return nil
}

// ruleNote is the input message of a field with a rule, "" when it has none.
func ruleNote(c column) string {
	switch {
	case c.typ == typeDate:
		if n := fieldNotes[c.field]; n != "" {
			return n
		}
		return "如 2015-08-01；只知道月份时写 2015-08"
	case strings.HasSuffix(c.field, "Phone"):
		return "手机（11 位）、座机（如 028-85123456）或 96110 这类短号"
	case c.typ == typeCount:
		return "整数；只知道大概时可写 14万余、10余"
	}
	return fieldNotes[c.field]
}

// addValidations puts the drop-down lists and input messages on the template's columns.
func addValidations(f *excelize.File, sheet string, kind Kind) error {
	for j, c := range kindColumns[kind] {
		col := colName(j + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows+1))
		choices := choicesOf(kind, c)
		note := ruleNote(c)
		if choices == nil && note == "" {
			continue
		}
		if choices != nil {
			if err := dv.SetDropList(choices); err != nil {
				return fmt.Errorf("无法建立“%s”列的下拉列表：%w", c.header, err)
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, c.header, "请从下拉列表中选择："+strings.Join(choices, "、"))
			if note == "" {
				note = "从下拉列表中选择"
			}
		}
		dv.SetInput(c.header, note)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return fmt.Errorf("无法设置“%s”列的填写提示：%w", c.header, err)
		}
	}
	return nil
}

// writeHeaderOnly writes a template's sheet without the stream writer: the
// header row in style bold, frozen, with the column widths given.
func writeHeaderOnly(f *excelize.File, name string, headers []string, _ [][]any, widths []int, bold int) error {
	for j, w := range widths {
		col := colName(j + 1)
		if err := f.SetColWidth(name, col, col, float64(w)); err != nil {
			return fmt.Errorf("无法设置列宽：%w", err)
		}
	}
	hrow := make([]any, len(headers))
	for j, h := range headers {
		hrow[j] = h
	}
	if err := f.SetSheetRow(name, "A1", &hrow); err != nil {
		return fmt.Errorf("无法写入表头：%w", err)
	}
	last := colName(len(headers))
	if err := f.SetCellStyle(name, "A1", last+"1", bold); err != nil {
		return fmt.Errorf("无法写入表头：%w", err)
	}
	if err := f.SetRowHeight(name, 1, 20); err != nil {
		return fmt.Errorf("无法写入表头：%w", err)
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}
