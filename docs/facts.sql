-- docs/facts.sql — the schema of the facts database, version 1
-- (`bdlc compile -f sqlite -o DB`; `-f facts -o DIR` writes the same
-- tables as DIR/TABLE.csv with a header line).  The plugin makes these
-- tables from src/facts.c's facts_tables; tests/facts/run.sh checks that
-- a new database has exactly the statements below (comments aside).
--
-- budget      every table: the budget's key, its root file's path as given
--             on the command line (a re-run replaces the rows of that key)
-- meta        schema_version (this file's version) and generator (bdlc's)
-- budgets     one row per budget: status clean | warnings | errors, with
--             counts; a budget with errors has no cells, projects or
--             indicators, only its diagnostics
-- cells       one row per published amount (blank cells have none): the
--             table (table_id, the JSON output's table id), the row
--             (row_no from 1 in the table's order, row_kind data | total |
--             section, depth 0 类 / 1 款 / 2 项, row_code, row_name) and the
--             column (column_key, the JSON key); amount_text is the exact
--             decimal ("1234.50"), amount the integer in 10^-decimals
--             units (123450 with decimals 2)
-- agency_*    the budget's agency when it names exactly one, else NULL
-- layout      the layout the tables follow (NULL until budgets name one)
-- projects    one row per project; amount as in cells
-- indicators  one row per row of a performance table (project_code NULL
--             for the department's own); core is 1 or 0
-- diagnostics every error and warning of the check: place, code, message
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE budgets (budget TEXT PRIMARY KEY, year TEXT, department_code TEXT, department_name TEXT, agency_code TEXT, agency_name TEXT, layout TEXT, unit TEXT, decimals INTEGER, status TEXT, errors INTEGER, warnings INTEGER);
CREATE TABLE cells (budget TEXT, year TEXT, department_code TEXT, department_name TEXT, agency_code TEXT, agency_name TEXT, layout TEXT, table_id TEXT, row_no INTEGER, row_kind TEXT, depth INTEGER, row_code TEXT, row_name TEXT, column_key TEXT, amount_text TEXT, amount INTEGER, decimals INTEGER);
CREATE INDEX cells_budget ON cells (budget);
CREATE TABLE projects (budget TEXT, year TEXT, department_code TEXT, code TEXT, name TEXT, agency_code TEXT, agency_name TEXT, owner TEXT, category TEXT, amount_text TEXT, amount INTEGER, decimals INTEGER);
CREATE INDEX projects_budget ON projects (budget);
CREATE TABLE indicators (budget TEXT, year TEXT, department_code TEXT, table_id TEXT, row_no INTEGER, project_code TEXT, level1 TEXT, level2 TEXT, level3 TEXT, nature TEXT, value TEXT, unit TEXT, weight TEXT, core INTEGER);
CREATE INDEX indicators_budget ON indicators (budget);
CREATE TABLE diagnostics (budget TEXT, seq INTEGER, file TEXT, line INTEGER, col INTEGER, severity TEXT, code TEXT, message TEXT);
CREATE INDEX diagnostics_budget ON diagnostics (budget);
CREATE INDEX cells_department ON cells (department_code, table_id, column_key);
CREATE INDEX cells_row ON cells (table_id, row_code);
CREATE INDEX projects_code ON projects (code);
CREATE INDEX diagnostics_code ON diagnostics (code);
