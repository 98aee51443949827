package sheet

import (
	"fmt"
	"path/filepath"
	"strings"
)

// ImportExtensions are the file types an import reads.
var ImportExtensions = []string{".xlsx", ".xls", ".csv"}

// saveAsXLSX tells a clerk how to turn another spreadsheet into an .xlsx file.
const saveAsXLSX = "请先另存为 .xlsx 再导入：在 WPS 表格中点“文件”→“另存为”，文件类型选“Excel 文件（*.xlsx）”；" +
	"在 Excel 中点“文件”→“另存为”，保存类型选“Excel 工作簿（*.xlsx）”"

// CheckImportType refuses a file whose type an import cannot read, saying
// how to save it as .xlsx.
func CheckImportType(file string) error {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx", ".xlsm", ".xls", ".csv":
		return nil
	}
	_, err := readSheetFile(file, "")
	return err
}

// readSheetFile reads the worksheet named prefer (or the first one) of an
// .xlsx, .xls or .csv file, chosen by the file's extension, within
// defaultLimits. Any other type is refused with how to save it as .xlsx.
func readSheetFile(file, prefer string) (*workbook, error) {
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".xlsx", ".xlsm":
		return readXLSX(file, prefer)
	case ".csv":
		return readCSV(file, defaultLimits)
	case ".xls":
		return readXLS(file, prefer, defaultLimits)
	case ".et", ".ett":
		return nil, fmt.Errorf("这是 WPS 表格自己的 .et 格式，本程序读不了；%s", saveAsXLSX)
	case "":
		return nil, fmt.Errorf("文件没有扩展名，看不出是什么表格；能导入 .xlsx、.xls 和 .csv 文件，其他表格%s", saveAsXLSX)
	default:
		return nil, fmt.Errorf("本程序不能导入 %s 文件，能导入 .xlsx、.xls 和 .csv 文件；%s", ext, saveAsXLSX)
	}
}
