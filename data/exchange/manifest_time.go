package exchange

import (
	"time"

	"jiayuan/data"
)

// CreatedText is when the file was made, in local time as the clerk reads it
// (2026年12月5日 06:51); a time the program cannot read is shown as written.
func (m Manifest) CreatedText() string {
	t, err := time.Parse(time.RFC3339, m.Created)
	if err != nil {
		return m.Created
	}
	return data.TimeText(t)
}
