package sheet

// The tokenizer: enough XML for the parts of an .xlsx file. Element names are
// given without their namespace prefix. It reads either a whole part held in
// memory or a stream, holding then only a window of it: a text longer than
// the window comes as several text tokens in a row, and a tag, comment or
// CDATA section longer than maxToken is an error.

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokNone tokKind = iota
	tokStart
	tokEnd
	tokText
)

const (
	scanWindow = 64 << 10 // the first size of a stream's window
	maxToken   = 4 << 20  // the longest tag, comment or CDATA section of a stream
)

var (
	errTokenTooLong = errors.New("token too long")
	errPartTooLarge = errors.New("part too large")
)

type scanner struct {
	b         []byte // the input, or the window of a stream
	i         int
	src       io.Reader // nil when b is the whole input
	eof       bool      // no more input beyond b
	read, max int64     // bytes read from src, and the most it may give
	err       error     // why the stream stopped early

	kind      tokKind
	name      []byte
	attrs     []byte // the raw attributes of a start tag
	selfClose bool
	text      []byte // raw text (entities not decoded)
	cdata     bool
}

func newScanner(b []byte) *scanner { return &scanner{b: b, eof: true} }

// newStreamScanner scans r, refusing more than max bytes.
func newStreamScanner(r io.Reader, max int64) *scanner {
	return &scanner{b: make([]byte, 0, scanWindow), src: r, max: max}
}

// fill moves the unread bytes to the front of the window, growing it when it
// is full, and reads more. It reports whether the scan may go on.
func (s *scanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.i > 0 {
		n := copy(s.b[:cap(s.b)], s.b[s.i:])
		s.b, s.i = s.b[:n], 0
	}
	if len(s.b) == cap(s.b) {
		if cap(s.b) >= maxToken {
			s.err = errTokenTooLong
			return false
		}
		nb := make([]byte, len(s.b), 2*cap(s.b))
		copy(nb, s.b)
		s.b = nb
	}
	n, err := s.src.Read(s.b[len(s.b):cap(s.b)])
	s.b = s.b[:len(s.b)+n]
	s.read += int64(n)
	switch {
	case s.read > s.max:
		s.err = errPartTooLarge
		return false
	case err == io.EOF:
		s.eof = true
	case err != nil:
		s.err = err
		return false
	}
	return true
}

// more reads more input after a token was found incomplete; false ends the scan.
func (s *scanner) more() bool {
	if s.eof {
		s.i = len(s.b)
		return false
	}
	return s.fill()
}

func (s *scanner) next() bool {
	for {
		if s.i >= len(s.b) {
			if s.eof || !s.fill() {
				return false
			}
			continue
		}
		if s.b[s.i] != '<' {
			if s.nextText() {
				return true
			}
			if s.err != nil {
				return false
			}
			continue
		}
		rest := s.b[s.i:]
		if len(rest) < 9 && !s.eof {
			if !s.fill() {
				return false
			}
			continue
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			if !s.skipPast("?>") {
				return false
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			if !s.skipPast("-->") {
				return false
			}
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			j := bytes.Index(rest, []byte("]]>"))
			if j < 0 {
				if !s.more() {
					return false
				}
				continue
			}
			s.kind, s.text, s.cdata = tokText, rest[9:j], true
			s.i += j + 3
			return true
		case bytes.HasPrefix(rest, []byte("<!")):
			if !s.skipPast(">") {
				return false
			}
			continue
		}
		j := tagEnd(rest)
		if j < 0 {
			if !s.more() {
				return false
			}
			continue
		}
		s.startOrEnd(rest[1:j])
		s.i += j + 1
		return true
	}
}

// nextText makes the text before the next '<' a token. In a stream, a text
// that fills the window is given in pieces, never cut inside an entity.
func (s *scanner) nextText() bool {
	rest := s.b[s.i:]
	j := bytes.IndexByte(rest, '<')
	if j < 0 && !s.eof {
		if s.i > 0 || len(s.b) < cap(s.b) {
			s.fill()
			return false
		}
		j = len(rest)
		if a := bytes.LastIndexByte(rest, '&'); a >= 0 && len(rest)-a < 12 && bytes.IndexByte(rest[a:], ';') < 0 {
			j = a
		}
		if j == 0 {
			s.err = errTokenTooLong
			return false
		}
	}
	if j < 0 {
		j = len(rest)
	}
	s.kind, s.text, s.cdata = tokText, rest[:j], false
	s.i += j
	return true
}

func (s *scanner) startOrEnd(tag []byte) {
	if len(tag) > 0 && tag[0] == '/' {
		s.kind, s.name = tokEnd, localName(bytes.TrimSpace(tag[1:]))
		return
	}
	s.selfClose = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.selfClose {
		tag = tag[:len(tag)-1]
	}
	k := 0
	for k < len(tag) && !isSpace(tag[k]) {
		k++
	}
	s.kind, s.name, s.attrs = tokStart, localName(tag[:k]), tag[k:]
}

// tagEnd finds the '>' closing the tag at the start of b, skipping quoted values.
func tagEnd(b []byte) int {
	var q byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return i
		}
	}
	return -1
}

// skipPast moves past the next end; false ends the scan.
func (s *scanner) skipPast(end string) bool {
	for {
		j := bytes.Index(s.b[s.i:], []byte(end))
		if j >= 0 {
			s.i += j + len(end)
			return true
		}
		if !s.more() {
			return false
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the decoded value of the attribute with that local name, or "".
func (s *scanner) attr(name string) string {
	a := s.attrs
	for len(a) > 0 {
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return ""
		}
		key := localName(bytes.TrimSpace(a[:eq]))
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return ""
		}
		q := a[0]
		end := bytes.IndexByte(a[1:], q)
		if end < 0 {
			return ""
		}
		val := a[1 : end+1]
		a = a[end+2:]
		if string(key) == name {
			if bytes.IndexByte(val, '&') >= 0 {
				return string(appendDecoded(nil, val))
			}
			return string(val)
		}
	}
	return ""
}

// appendText appends the current text token, with entities decoded.
func (s *scanner) appendText(dst []byte) []byte {
	if s.cdata || bytes.IndexByte(s.text, '&') < 0 {
		return append(dst, s.text...)
	}
	return appendDecoded(dst, s.text)
}

// appendDecoded decodes the five XML entities and character references.
func appendDecoded(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 || j > 12 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		ent := string(b[1:j])
		b = b[j+1:]
		switch ent {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				err = errors.New("unknown entity")
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				dst = append(dst, '&')
				dst = append(dst, ent...)
				dst = append(dst, ';')
				continue
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst
}
