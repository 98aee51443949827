package guide

// Key is one keyboard shortcut of the window: the window registers exactly
// these (ui/shortcuts.go builds its shortcuts and menu items from this
// table), and the guide lists them, so the two cannot differ.
type Key struct {
	Action string // what the window does: "new", "save", "search", "delete"
	Label  string // the menu item and the guide's name for it
	Name   string // the key, as Fyne names it: "N", "Delete"
	Ctrl   bool   // with Ctrl (Command on macOS)
	Alt    bool   // with Alt
	Menu   string // the menu holding the item
	Note   string // what it does, for the guide
}

// Keys is the table of the window's shortcuts.
var Keys = []Key{
	{Action: "new", Label: "新建记录", Name: "N", Ctrl: true, Menu: "文件", Note: "在社区、小区、党组织页面新建一条记录"},
	{Action: "save", Label: "保存", Name: "S", Ctrl: true, Menu: "文件", Note: "保存正在修改的记录或设置"},
	{Action: "search", Label: "查找", Name: "F", Ctrl: true, Menu: "编辑", Note: "把光标移到当前页面的搜索框（帮助页面里是说明的搜索框）"},
	{Action: "delete", Label: "删除所选记录", Name: "Delete", Menu: "编辑", Note: "删除列表中选中的记录（先确认，删除后可在回收站恢复）"},
	{Action: "stage-back", Label: "上一阶段", Name: "Left", Alt: true, Menu: "查看", Note: "评选页面：看上一个阶段"},
	{Action: "stage-on", Label: "下一阶段", Name: "Right", Alt: true, Menu: "查看", Note: "评选页面：看下一个阶段"},
	{Action: "stage-n", Label: "第几阶段", Name: StageKeys, Ctrl: true, Note: "评选页面：直接看第 1～7 个阶段（设置、申报、初审、评审、排名、公示、命名）"},
}

// StageKeys is the Name of the Ctrl+1…7 entry: seven keys, one a stage.
const StageKeys = "1…7"

// keyNames are how keys Fyne names in English are written in the guide.
var keyNames = map[string]string{"Left": "←", "Right": "→"}

// Keys is how the key is written: Ctrl+N, Delete.
func (k Key) Keys() string {
	name := k.Name
	if n, ok := keyNames[name]; ok {
		name = n
	}
	switch {
	case k.Ctrl:
		return "Ctrl+" + name
	case k.Alt:
		return "Alt+" + name
	}
	return name
}

// Line is the guide's line for the key.
func (k Key) Line() string {
	if k.Menu == "" {
		return k.Keys() + "：" + k.Label + "—— " + k.Note
	}
	return k.Keys() + "：" + k.Label + "（菜单“" + k.Menu + "”）—— " + k.Note
}
