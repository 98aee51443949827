package data

import (
	"fmt"
	"strings"

	"jiayuan/data/calendar"
)

type holidayRow struct {
	ID        int64  `db:"id"`
	Date      string `db:"date"`
	Work      bool   `db:"work"`
	Name      string `db:"name"`
	CreatedAt string `db:"created_at"`
}

// Holidays lists the office's calendar overrides (days added or corrected
// in 设置), by date.
func (s *Store) Holidays() ([]calendar.Override, error) { return holidays(s.db) }

func holidays(q queryer) ([]calendar.Override, error) {
	var rows []holidayRow
	if err := q.Select(&rows, `SELECT * FROM holidays ORDER BY date`); err != nil {
		return nil, fmt.Errorf("无法读取节假日调整：%w", err)
	}
	out := make([]calendar.Override, len(rows))
	for i, r := range rows {
		out[i] = calendar.Override{Date: r.Date, Work: r.Work, Name: r.Name}
	}
	return out, nil
}

// Calendar is the working-day calendar: the official schedule plus the
// office's overrides.
func (s *Store) Calendar() (*calendar.Calendar, error) { return calendarOf(s.db) }

func calendarOf(q queryer) (*calendar.Calendar, error) {
	o, err := holidays(q)
	if err != nil {
		return nil, err
	}
	c, err := calendar.New(o)
	if err != nil {
		return nil, fmt.Errorf("节假日调整有误：%w", err)
	}
	return c, nil
}

// SaveHoliday adds or replaces the override of one day (a holiday, Work
// false, or a swapped working weekend, Work true).
func (s *Store) SaveHoliday(o calendar.Override) error {
	if err := calendar.ValidateOverride(o); err != nil {
		return err
	}
	t, _ := calendar.ParseDate(o.Date)
	o.Date = t.Format(calendar.DateLayout)
	o.Name = strings.TrimSpace(o.Name)
	return s.Write(func(tx *Tx) error {
		var old []holidayRow
		if err := tx.q.Select(&old, `SELECT * FROM holidays WHERE date = ?`, o.Date); err != nil {
			return fmt.Errorf("无法读取节假日调整：%w", err)
		}
		kind := func(work bool) string {
			if work {
				return "上班"
			}
			return "放假"
		}
		ch := []Change{{Field: "Work", Label: o.Date, New: kind(o.Work) + " " + o.Name}}
		if len(old) > 0 {
			ch[0].Old = kind(old[0].Work) + " " + old[0].Name
		}
		var id int64
		if len(old) > 0 {
			id = old[0].ID
			if _, err := tx.q.Exec(`UPDATE holidays SET work = ?, name = ? WHERE id = ?`, o.Work, o.Name, id); err != nil {
				return fmt.Errorf("无法保存 %s 的调整：%w", o.Date, err)
			}
		} else {
			res, err := tx.q.Exec(`INSERT INTO holidays (date, work, name, created_at) VALUES (?, ?, ?, ?)`, o.Date, o.Work, o.Name, tx.at)
			if err != nil {
				return fmt.Errorf("无法保存 %s 的调整：%w", o.Date, err)
			}
			id, _ = res.LastInsertId()
		}
		return tx.Audit(EntityHoliday, id, "", o.Date, ActionUpdate, "", ch)
	})
}

// DeleteHoliday removes the override of one day (date YYYY-MM-DD).
func (s *Store) DeleteHoliday(date string) error {
	return s.Write(func(tx *Tx) error {
		var old []holidayRow
		if err := tx.q.Select(&old, `SELECT * FROM holidays WHERE date = ?`, date); err != nil {
			return fmt.Errorf("无法读取节假日调整：%w", err)
		}
		if len(old) == 0 {
			return fmt.Errorf("%s 没有调整记录", date)
		}
		if _, err := tx.q.Exec(`DELETE FROM holidays WHERE id = ?`, old[0].ID); err != nil {
			return fmt.Errorf("无法删除 %s 的调整：%w", date, err)
		}
		return tx.Audit(EntityHoliday, old[0].ID, "", date, ActionDelete, "", nil)
	})
}
