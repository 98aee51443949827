// Package cli runs the program's command-line jobs: the same batch jobs the
// window offers (import, export, print), scriptable and testable without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"jiayuan/data"
	_ "jiayuan/ui/zhenv" // before Fyne reads the locale: no English log lines on stderr
)

// Env is what a job gets: the data folder, the open store and where to write.
type Env struct {
	Dir      string
	Operator string
	Store    *data.Store // nil for jobs that need no store
	Stdout   io.Writer
	Stderr   io.Writer
	Version  string
	// Server is the office server's address (postgres://…, from -db), or ""
	// for the data folder.
	Server string

	defaultDir bool // Dir is the default data folder, not one given with -data
}

// Command is one subcommand of the binary.
type Command struct {
	Name    string // the first word, e.g. "export"
	Args    string // usage of the arguments, e.g. "communities|compounds|orgs FILE.xlsx"
	Help    string // one line in Chinese
	Writes  bool   // holds the data folder's lock while it runs
	NoStore bool   // needs no store (version, calibration page)
	// StartsFolder tells whether a job that does not hold the lock throughout
	// may still start a new data folder (exchange import); other jobs that are
	// not Writes only read and refuse a folder without data.
	StartsFolder func(args []string) bool
	Run          func(e *Env, args []string) error
}

var commands = map[string]*Command{}

func register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// Has reports whether name is a subcommand.
func Has(name string) bool { _, ok := commands[name]; return ok }

// UsageError is a job's complaint about its arguments; Run prints the usage with it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// Usage writes the list of subcommands.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "用法：jiayuan [-data 数据目录] [-db postgres://用户名@主机/数据库] [-operator 操作人] [命令 参数…]")
	fmt.Fprintln(w, "不带命令时打开窗口。命令：")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace(c.Name+" "+c.Args), c.Help)
	}
}

// Run runs the job named by args[0] and returns the process exit code:
// 0 on success, 1 when the job failed, 2 for a wrong command line.
// Errors are written to stderr in Chinese; a panic is reported, never a stack trace.
func Run(dir, operator, version string, args []string, stdout, stderr io.Writer) (code int) {
	return RunOn("", dir, operator, version, args, stdout, stderr)
}

// RunOn is Run on the office server at server (postgres://…) when it is not
// "": dir is then this PC's local folder (backups, attachments opened).
func RunOn(server, dir, operator, version string, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "错误：程序内部出错（%v），数据未作改动。\n", r)
			code = 1
		}
	}()
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "错误：没有“%s”这个命令。\n", args[0])
		Usage(stderr)
		return 2
	}
	e := &Env{Dir: dir, Operator: operator, Stdout: stdout, Stderr: stderr, Version: version, Server: server}
	if c.Name != "setaside" {
		defer printSetAside(e, stderr)
	}
	if err := run(c, e, args[1:]); err != nil {
		fmt.Fprintf(stderr, "错误：%s\n", data.Explain(err))
		var ue *UsageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "用法：jiayuan [-data 数据目录] %s\n", strings.TrimSpace(c.Name+" "+c.Args))
			return 2
		}
		return 1
	}
	return 0
}

func run(c *Command, e *Env, args []string) error {
	if c.NoStore {
		return c.Run(e, args)
	}
	if e.Dir == "" {
		d, err := data.DefaultDir()
		if err != nil {
			return err
		}
		e.Dir = d
		e.defaultDir = true
	}
	if e.Server == "" && !startsFolder(c, args) {
		if err := requireData(e, e.Dir); err != nil {
			return err
		}
	}
	if c.Writes {
		release, err := e.acquire("命令行任务 " + c.Name)
		if err != nil {
			return err
		}
		defer release()
		data.RemoveRestoreTemps(e.Dir)
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	e.Store = st
	st.Operator = operatorFor(e.Operator, st)
	return c.Run(e, args)
}

// cliOperator is who the audit trail names for a job when neither -operator
// nor the settings name anyone; never the system's account ("root").
const cliOperator = "命令行"

// operatorFor is the operator a job writes as: -operator, else the one
// named at first run (the settings'), else cliOperator.
func operatorFor(given string, st *data.Store) string {
	if given != "" {
		return given
	}
	if s, err := st.Settings(); err == nil && s.Operator != "" {
		return s.Operator
	}
	return cliOperator
}

// parseFlags parses a job's own flags (e.g. -dry-run) with Chinese errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("参数有误：%v", err)
	}
	return nil
}

// flagWords puts the errors of Go's flag package (the program's own options,
// -data and -operator, are parsed by it in main) into Chinese.
type flagWords struct{ w io.Writer }

var flagErrors = []struct {
	re  *regexp.Regexp
	out string
}{
	{regexp.MustCompile(`^flag provided but not defined: (\S+)`), "错误：没有 $1 这个选项。"},
	{regexp.MustCompile(`^flag needs an argument: (\S+)`), "错误：$1 后面要跟一个值。"},
	{regexp.MustCompile(`^invalid value "(.*)" for flag (\S+): .*`), "错误：$2 的值“$1”不对。"},
	{regexp.MustCompile(`^bad flag syntax: (\S+)`), "错误：选项“$1”写法不对。"},
}

func (f flagWords) Write(p []byte) (int, error) {
	line := strings.TrimRight(string(p), "\n")
	for _, e := range flagErrors {
		if e.re.MatchString(line) {
			_, err := io.WriteString(f.w, e.re.ReplaceAllString(line, e.out)+"\n")
			return len(p), err
		}
	}
	return f.w.Write(p)
}

func init() {
	flag.CommandLine.SetOutput(flagWords{os.Stderr})
	register(&Command{Name: "help", Help: "列出所有命令", NoStore: true, Run: func(e *Env, args []string) error {
		Usage(e.Stdout)
		return nil
	}})
	register(&Command{Name: "version", Help: "显示版本号", NoStore: true, Run: func(e *Env, args []string) error {
		fmt.Fprintln(e.Stdout, "家园 "+e.Version)
		return nil
	}})
}

// open opens the store the job works on: the office server (-db) or the
// data folder, checked.
func (e *Env) open() (*data.Store, error) {
	if e.Server != "" {
		return data.OpenServer(e.Server, ServerCache(e.Dir))
	}
	return data.OpenChecked(e.Dir)
}

// ServerCache is the local folder kept beside the data folder dir for work
// on the office server: attachments opened, backups made.
func ServerCache(dir string) string { return filepath.Join(dir, "server-cache") }

// acquire holds the data folder's lock for a writing job; on the office
// server the server itself orders the writers, and nothing is held.
func (e *Env) acquire(who string) (func(), error) {
	if e.Server != "" {
		return func() {}, nil
	}
	lock, err := data.Acquire(e.Dir, who)
	if err != nil {
		return nil, err
	}
	return func() { lock.Release() }, nil
}
