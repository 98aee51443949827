package dbtest

import (
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// CityScale fills the (migrated, empty) database of the data folder dir with
// a city's records for benchmarks: communities communities with households
// and population (every seventh approximate), compounds compounds spread over
// them (of every type, some with 物业 and 业委会), and orgs Party
// organisations (one 社区党委 per community, the rest branches, with
// elections due across the coming years). Names, addresses and notes are of
// realistic length. One SQL statement per table, so it takes a second or two.
func CityScale(tb testing.TB, db *sqlx.DB, communities, compounds, orgs int) {
	tb.Helper()
	now := "2026-11-26T10:00:00+08:00"
	stmts := []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
		INSERT INTO communities (uuid, name, division_code, households, population, grids, secretary, secretary_phone,
			director, address, work_method, notes, created_at, updated_at)
		SELECT printf('c-%08d', i), printf('第%d社区', i), printf('5101%08d', i),
			CASE WHEN i % 7 = 0 THEN printf('~%d', 3000 + i % 5000) ELSE printf('%d', 2000 + i % 9000) END,
			printf('%d', 6000 + i % 20000), printf('%d', 5 + i % 12), '张建华', '13800138000', '李秀英',
			printf('城南区幸福路%d号', i), '党建引领“三社联动”工作法',
			'辖区内老旧院落较多，重点推进加装电梯和背街小巷整治，建立居民议事会。', ?, ? FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
		INSERT INTO compounds (uuid, community_id, name, address, kind, year_built, buildings, households, residents,
			property_company, property_contact, property_phone, owners_committee, committee_chair, governance_method,
			notes, created_at, updated_at)
		SELECT printf('x-%08d', i), 1 + i % ?, printf('锦绣花园%d期', i), printf('城南区锦绣路%d号', i),
			CASE i % 6 WHEN 0 THEN '商品房' WHEN 1 THEN '老旧院落' WHEN 2 THEN '安置小区' WHEN 3 THEN '单位院落' WHEN 4 THEN '其他' ELSE '' END,
			1980 + i % 40, printf('%d', 3 + i % 30), printf('%d', 100 + i % 900), printf('%d', 300 + i % 2500),
			CASE WHEN i % 3 = 0 THEN '' ELSE '成都锦城物业服务有限公司' END, '王经理', '02887654321',
			CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 4 = 0 THEN '赵德明' ELSE '' END,
			'院落自治“五步工作法”', '小区建成时间较早，停车位紧张，业主议事会每月召开一次。', ?, ? FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?1)
		INSERT INTO orgs (uuid, name, kind, parent_id, community_id, compound_id, secretary, secretary_phone, members,
			founded, last_election, term_years, notes, created_at, updated_at)
		SELECT printf('o-%08d', i),
			CASE WHEN i <= ?2 THEN printf('第%d社区党委', i) ELSE printf('第%d党支部', i) END,
			CASE WHEN i <= ?2 THEN '社区党委' WHEN i % 5 = 0 THEN '小区党支部' WHEN i % 5 = 1 THEN '两新党支部' ELSE '社区党支部' END,
			CASE WHEN i <= ?2 THEN NULL ELSE 1 + i % ?2 END,
			1 + (i - 1) % ?2,
			CASE WHEN i > ?2 AND i % 5 = 0 THEN 1 + i % ?3 ELSE NULL END,
			'陈立新', '13900139000', CASE WHEN i % 9 = 0 THEN printf('~%d', 30 + i % 300) ELSE printf('%d', 10 + i % 300) END,
			'2010-07-01', printf('%d-%02d-15', 2021 + i % 5, 1 + i % 12), CASE WHEN i <= ?2 THEN 5 ELSE 3 END,
			'按期换届，组织生活正常。', ?4, ?4 FROM n`,
	}
	if _, err := db.Exec(stmts[0], communities, now, now); err != nil {
		tb.Fatalf("dbtest: communities: %v", err)
	}
	if _, err := db.Exec(stmts[1], compounds, communities, now, now); err != nil {
		tb.Fatalf("dbtest: compounds: %v", err)
	}
	if _, err := db.Exec(stmts[2], orgs, communities, compounds, now); err != nil {
		tb.Fatalf("dbtest: orgs: %v", err)
	}
}

// ReportCPU reports the CPU time used since start per operation, as "cpu-ms/op".
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(CPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}
