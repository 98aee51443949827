package data

import "time"

// TimeText is a moment as the clerk reads it: local time, 2026年12月5日 06:51.
func TimeText(t time.Time) string {
	return t.Local().Format("2006年1月2日 15:04")
}
