package guide

// Key is one keyboard shortcut of the window: the window registers exactly
// these (ui/shortcuts.go builds its shortcuts and menu items from this
// table), and the guide lists them, so the two cannot differ.
type Key struct {
	Action string // what the window does: "new", "save", "search", "delete"
	Label  string // the menu item and the guide's name for it
	Name   string // the key, as Fyne names it: "N", "Delete"
	Ctrl   bool   // with Ctrl (Command on macOS)
	Menu   string // the menu holding the item
	Note   string // what it does, for the guide
}

// Keys is the table of the window's shortcuts.
var Keys = []Key{
	{Action: "new", Label: "新建记录", Name: "N", Ctrl: true, Menu: "文件", Note: "在社区、小区、党组织页面新建一条记录"},
	{Action: "save", Label: "保存", Name: "S", Ctrl: true, Menu: "文件", Note: "保存正在修改的记录或设置"},
	{Action: "search", Label: "查找", Name: "F", Ctrl: true, Menu: "编辑", Note: "把光标移到当前页面的搜索框（帮助页面里是说明的搜索框）"},
	{Action: "delete", Label: "删除所选记录", Name: "Delete", Menu: "编辑", Note: "删除列表中选中的记录（先确认，删除后可在回收站恢复）"},
}

// Keys is how the key is written: Ctrl+N, Delete.
func (k Key) Keys() string {
	if k.Ctrl {
		return "Ctrl+" + k.Name
	}
	return k.Name
}

// Line is the guide's line for the key.
func (k Key) Line() string {
	return k.Keys() + "：" + k.Label + "（菜单“" + k.Menu + "”）—— " + k.Note
}
