/*
 * gen.c — writes large, valid, deterministic BDL budgets for `make bench`.
 *
 *   gen -L STDLIB_DIR -s BYTES -o ONE.bdl [-d SPLIT_DIR [-n FILES]]
 *       [-j JOURNAL.ledger] [-b JOURNAL.beancount] [-S SEED] [-p PROJECTS]
 *
 * -p makes exactly PROJECTS projects instead of filling BYTES.
 *
 * The budget is one department with many agencies and thousands of projects
 * (3-8 indicators each, weights with execution-weight adding to 100, core
 * flags, level pairs from the stdlib vocabulary).  Codes and names are read
 * from STDLIB_DIR/function.bdl and economic.bdl, so every code is real.
 * Every sum is consistent, so `bdlc check` must exit 0 on the output:
 *   - expenditure 类/款 rows and the total row are assertions of their leaves;
 *   - the economic block equals the basic column (E113), its 类 rows and
 *     total row (personnel/public split) are assertions;
 *   - income + carryover = expenditure, per source (E112, E117);
 *   - projects add up to the project column, and per function code (E114);
 *   - projects' function/economic lines add up to their amounts (E116);
 *   - three-public items = their economic codes, blocks + projects (E115);
 *   - links pairs agree (W126).
 * Projects with no function code are paid from "bucket" leaves that no
 * project names, as the spec allows.
 *
 * -d also writes the same statements split over about N files: a root
 * SPLIT_DIR/budget.bdl (import, budget, include "parts/NNNN.bdl" by pattern) and
 * SPLIT_DIR/parts/NNNN.bdl.  -j / -b write an equivalent ledger/hledger
 * journal and beancount file: one transaction per expenditure/economic leaf
 * row, income/carryover row, procurement item and project, same amounts.
 *
 * Output depends only on the seed and the stdlib files: integer arithmetic
 * and a fixed xorshift generator.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ utilities */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* uniform in [lo, hi] */
static int64_t rr(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }
static int pct(int p) { return (int)(rnd() % 100) < p; }
#define PICK(a) ((a)[rnd() % (sizeof(a) / sizeof *(a))])

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

/* A growable byte buffer. */
typedef struct Buf { char *s; size_t n, cap; } Buf;

static void bput(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1 << 16;
        while (b->n + n + 1 > b->cap) b->cap *= 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void bputs(Buf *b, const char *s) { bput(b, s, strlen(s)); }

static void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(Buf *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) die("line too long");
    bput(b, tmp, (size_t)n);
}

/* Amount in cents → "1234.56" or "1,234.56". */
static const char *money(int64_t v, bool group, char *buf)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%" PRId64, v / 100);
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n; i++) {
        if (group && i && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = digits[i];
    }
    snprintf(buf + o, 8, ".%02d", (int)(v % 100));
    return buf;
}

/* Display width of UTF-8 text: CJK (3-byte sequences) count two columns. */
static int width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) w++;
        else if ((*p & 0xF0) == 0xE0) w += 2;
        else if ((*p & 0xE0) == 0xC0 || (*p & 0xF8) == 0xF0) w++;
    }
    return w;
}

/* s, then spaces up to column `to`; at least one, so that a name wider than
 * its column (the stdlib has names of 30 characters) stays a separate word. */
static void pad(Buf *b, const char *s, int to)
{
    bputs(b, s);
    int w = width(s);
    do bput(b, " ", 1); while (++w < to);
}

/* ---------------------------------------------------- the classification */

typedef struct Code {
    char code[16];
    char name[160];  /* as written in the stdlib (maybe quoted) */
    char plain[160]; /* without quotes */
    int parent;      /* index, or -1 */
    int nchildren;
    bool personnel;  /* economic: the class of its 类 */
} Code;

typedef struct Cls { Code *c; int n, cap; } Cls;

static int find_code(const Cls *k, const char *code, size_t n)
{
    for (int i = 0; i < k->n; i++)
        if (strlen(k->c[i].code) == n && memcmp(k->c[i].code, code, n) == 0) return i;
    return -1;
}

static int find(const Cls *k, const char *code) { return find_code(k, code, strlen(code)); }

/* Read `classification KIND ... { CODE NAME [mark] }` blocks of a stdlib file. */
static void read_cls(const char *path, const char *kind, Cls *k)
{
    FILE *fp = fopen(path, "r");
    if (!fp) die("cannot open %s: %s", path, strerror(errno));
    char line[1024];
    bool in = false;
    while (fgets(line, sizeof line, fp)) {
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (!in) {
            if (strncmp(p, "classification ", 15) == 0 && strncmp(p + 15, kind, strlen(kind)) == 0 && strchr(p, '{'))
                in = true;
            continue;
        }
        if (*p == '}') { in = false; continue; }
        if (*p < '0' || *p > '9') continue;
        Code c;
        memset(&c, 0, sizeof c);
        size_t n = strspn(p, "0123456789");
        if (n >= sizeof c.code) die("%s: code too long", path);
        memcpy(c.code, p, n);
        p += n;
        while (*p == ' ' || *p == '\t') p++;
        char *end = p;
        if (*p == '"') {
            end = strchr(p + 1, '"');
            if (!end) die("%s: unterminated name", path);
            end++;
        } else {
            while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '#') end++;
        }
        if ((size_t)(end - p) >= sizeof c.name) die("%s: name too long", path);
        memcpy(c.name, p, (size_t)(end - p));
        if (c.name[0] == '"') memcpy(c.plain, c.name + 1, strlen(c.name) - 2);
        else strcpy(c.plain, c.name);
        c.personnel = strstr(end, "personnel") != NULL;
        c.parent = -1;
        for (size_t cut = strlen(c.code) - 1; cut >= 3 && c.parent < 0; cut--) {
            c.parent = find_code(k, c.code, cut);
            if (cut == 3) break;
        }
        if (c.parent >= 0) {
            k->c[c.parent].nchildren++;
            if (k->c[c.parent].personnel) c.personnel = true;
        }
        if (k->n == k->cap) {
            k->cap = k->cap ? k->cap * 2 : 64;
            k->c = xrealloc(k->c, sizeof(Code) * (size_t)k->cap);
        }
        k->c[k->n++] = c;
    }
    fclose(fp);
    if (!k->n) die("%s: no %s classification", path, kind);
}

/* ----------------------------------------------------------- vocabulary */

static const char *const level2[][6] = {
    { "产出指标", "数量指标", "质量指标", "时效指标", "成本指标", NULL },
    { "效益指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "可持续发展指标" },
    { "满意度指标", "服务对象满意度指标", "满意度指标", NULL, NULL, NULL },
    { "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标", NULL, NULL },
};

/* level-3 names, by level-1 group */
static const char *const l3_output[] = {
    "召开会议次数", "培训人次", "发放人数", "覆盖社区数", "印发资料份数", "检查次数", "维修面积",
    "购置设备台数", "开展宣传活动", "服务对象人数", "项目完成率", "验收合格率", "资金拨付及时率",
    "按期完成率", "系统运行正常率", "设备完好率", "信息公开及时率", "问题整改率", "档案归档率",
    "巡查次数", "调研报告篇数", "执法检查次数", "代表视察次数", "志愿服务时长", "平台访问量",
    "数据更新频次", "应急演练次数", "宣传报道篇数", "受理案件数", "办结率",
};
static const char *const l3_effect[] = {
    "群众知晓率提升", "社会影响力", "服务质量提升", "工作效率提高", "节约成本", "环境改善程度",
    "长效机制建立", "持续运行年限", "带动就业人数", "减少投诉数量", "公共安全保障", "履职能力提升",
    "数字化水平提升", "制度完善程度", "基层治理成效",
};
static const char *const l3_satisfaction[] = {
    "服务对象满意度", "群众满意度", "代表满意度", "参训人员满意度", "企业满意度", "社会公众满意度",
};
static const char *const l3_cost[] = {
    "人均培训成本", "单位面积维修成本", "会议人均费用", "设备单价", "运行维护成本", "宣传单篇成本",
};
static const char *const units[] = { "次", "人", "个", "项", "天", "份", "篇", "台", "万元", "人次", "小时", "平方米" };
static const char *const quoted_units[] = { "\"次/年\"", "\"元/人\"", "\"人/次\"", "\"元/平方米\"" };
static const char *const qual_values[] = { "好", "优良", "有效提升", "明显改善", "逐步完善", "持续发挥作用" };

static const char *const proj_head[] = {
    "区人大", "区政协", "街道办事处", "社区服务中心", "综合执法大队", "城市管理", "市场监管", "应急管理",
    "文化馆", "图书馆", "体育中心", "社保中心", "医保中心", "统计普查", "财政信息化", "档案馆",
    "人才服务", "就业服务", "乡村振兴", "生态环境", "水利工程", "消防救援", "科普教育", "机关事务",
};
static const char *const proj_body[] = {
    "大型会议", "宣传和活动", "运行维护", "信息化建设", "专项整治", "培训", "设备购置", "房屋维修",
    "课题研究", "代表履职", "执法检查", "普法宣传", "志愿服务", "应急演练", "数据采集", "档案数字化",
    "公益性岗位", "社区治理", "环境卫生", "绿化养护", "安全生产", "文体活动", "助残服务", "老年服务",
};
static const char *const proj_tail[] = { "类", "经费", "专项经费", "项目", "补助资金", "工作经费", "保障经费" };
static const char *const categories[] = { "一般性项目", "一般性项目", "一般性项目", "专项资金项目", "基本建设项目" };
static const char *const proc_names[] = {
    "办公设备采购", "会议服务采购", "印刷服务", "物业管理服务", "车辆维修服务", "软件开发服务",
    "信息系统运维", "宣传品制作", "培训服务", "家具采购", "法律顾问服务", "审计服务",
};
static const char *const proc_cats[] = { "货物", "服务", "工程" };
static const char *const goal_parts[] = {
    "组织开展专题调研，形成调研报告", "按时完成年度工作任务", "保障机构正常运转", "提升服务对象满意度",
    "完成设备购置并投入使用", "做好宣传报道和信息公开", "加强资金监管，提高资金使用效益",
    "完善工作机制，推进制度化建设", "开展业务培训，提高履职能力", "推进数字化平台建设",
    "落实安全生产责任，杜绝重大事故", "按期完成验收和审计", "加强基层治理，服务群众",
};
static const char *const summary_parts[] = {
    "根据年度工作安排，", "按照上级部署要求，", "为保障日常工作有序开展，", "经集体研究决定，",
    "参照往年实际支出情况，", "严格执行开支标准，",
    "产生场租费、资料费、租车费和伙食费等支出。", "用于设备购置、系统运维及安全保障。",
    "用于发放补助、组织培训及开展宣传活动。", "涉及人员约200名，会期3天。", "按照一类会议标准400元/人.天测算。",
    "资金按季度拨付，年终考核。", "项目周期一年，分三个阶段实施。",
};
static const char *const bases[] = {
    "《重庆市南川区财政局关于部署2026年预算编制安排的通知》（南川财政发〔2025〕269号）。",
    "《中华人民共和国预算法》及其实施条例。",
    "《党政机关厉行节约反对浪费条例》。",
    "区委常委会会议纪要（2025年第18次）。",
    "《重庆市市级会议费管理办法》（渝财行〔2024〕12号）。",
};
static const char *const dept_goals[] = {
    "保障机关正常运转，完成年度各项工作任务；",
    "加强预算全口径监督管理，实施预算联网监督；",
    "推进数字化建设，提升服务群众水平与工作效率；",
    "开展宣传、培训和调研，提升干部履职能力；",
    "落实过紧日子要求，严控一般性支出，提高资金使用效益。",
};

/* -------------------------------------------------------------- projects */

typedef struct Line { int code; int64_t v; } Line; /* function or economic: code index + cents */

typedef struct Project {
    int64_t amount;
    int nf, ne;
    Line f[3], e[4];
    bool fund; /* paid by the fund source */
} Project;

/* --------------------------------------------------------------- state */

typedef struct Gen {
    Cls fn, ec;
    /* per function code, cents */
    int64_t *basic, *proj_gen, *proj_fund;
    bool *basic_leaf, *bucket, *fund_leaf;
    int *named_leaves, nnamed;  /* leaves projects may name (general source) */
    int *bucket_leaves, nbuckets;
    int fund_code;              /* a leaf paid from 政府性基金预算资金, or -1 */
    int64_t *eco;               /* per economic code: the economic block's leaf amount */
    int64_t tp[4];              /* three-public, projects' share */
    int tp_code[4];
    Project *proj;
    int nproj, capproj;
    Buf projects;               /* the project (and procurement) statements */
    size_t *cut;                /* projects.n after each project, for splitting */
    int ncut;
    int nproc;
    int64_t *proc;              /* each procurement item's amount */
    int64_t carry;
    int nagencies;
    /* journal entries, for the report */
    long entries;
} Gen;

static const char *dept_code = "305";
static const char *dept_name = "重庆市南川区城市综合服务管理局";
static const char *agency_names[] = {
    "重庆市南川区城市综合服务管理局（本级）", "重庆市南川区城市管理综合执法支队", "重庆市南川区市政设施维护中心",
    "重庆市南川区环境卫生管理所", "重庆市南川区园林绿化服务中心", "重庆市南川区数字化城市管理中心",
    "重庆市南川区城市照明管理所", "重庆市南川区停车管理服务中心", "重庆市南川区城市防洪排涝中心",
    "重庆市南川区户外广告管理所", "重庆市南川区公共厕所管理站", "重庆市南川区垃圾分类指导中心",
};
#define NAGENCIES ((int)(sizeof agency_names / sizeof *agency_names))

static bool starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static void classify_leaves(Gen *g)
{
    int n = g->fn.n;
    g->basic = calloc((size_t)n, sizeof(int64_t));
    g->proj_gen = calloc((size_t)n, sizeof(int64_t));
    g->proj_fund = calloc((size_t)n, sizeof(int64_t));
    g->basic_leaf = calloc((size_t)n, 1);
    g->bucket = calloc((size_t)n, 1);
    g->fund_leaf = calloc((size_t)n, 1);
    g->named_leaves = calloc((size_t)n, sizeof(int));
    g->bucket_leaves = calloc((size_t)n, sizeof(int));
    g->fund_code = find(&g->fn, "2120803");
    int others = 0;
    for (int i = 0; i < n; i++) {
        Code *c = &g->fn.c[i];
        if (c->nchildren) continue;
        const char *nm = c->plain;
        bool basic = strstr(nm, "行政运行") || strstr(nm, "事业运行") || strstr(nm, "医疗") || strstr(nm, "养老") ||
                     strstr(nm, "公积金") || strstr(nm, "购房补贴") || strstr(nm, "离退休") || strstr(nm, "缴费");
        if (i == g->fund_code) { g->fund_leaf[i] = true; continue; }
        if (basic) { g->basic_leaf[i] = true; continue; }
        if (starts(nm, "其他") && others++ % 2 == 0) {
            g->bucket[i] = true;
            g->bucket_leaves[g->nbuckets++] = i;
            continue;
        }
        g->named_leaves[g->nnamed++] = i;
    }
    if (!g->nnamed) die("no function leaf for projects");
    if (!g->nbuckets) g->bucket_leaves[g->nbuckets++] = g->named_leaves[--g->nnamed];
}

/* Split `total` cents into k positive parts. */
static void split(int64_t total, int k, int64_t *out)
{
    int64_t w[8], W = 0;
    for (int i = 0; i < k; i++) W += (w[i] = rr(1, 10));
    int64_t left = total;
    for (int i = 0; i < k; i++) {
        int64_t v = i == k - 1 ? left : total * w[i] / W;
        if (v < 1) v = 1;
        if (left - v < (k - 1 - i)) v = left - (k - 1 - i);
        out[i] = v;
        left -= v;
    }
}

static void indicator(Buf *b, const char *l1, const char *l2, const char *l3, int group, int64_t w, bool core)
{
    bprintf(b, "    indicator %s/%s/%s ", l1, l2, l3);
    if (group == 2 && pct(30)) {
        bprintf(b, "qualitative \"%s\"", PICK(qual_values));
    } else if (group == 2 || strstr(l3, "率")) {
        bprintf(b, "%s %d %%", pct(50) ? "≥" : ">=", (int)rr(80, 100));
    } else if (group == 3) {
        bprintf(b, "%s %d.%d %s", pct(50) ? "≤" : "<=", (int)rr(1, 5000), (int)rr(0, 9), pct(20) ? PICK(quoted_units) : "元");
    } else {
        static const char *const ops[] = { "≥", "≥", ">=", "=", "≤", ">", "<" };
        const char *op = PICK(ops);
        const char *u = pct(15) ? PICK(quoted_units) : PICK(units);
        bprintf(b, "%s %d %s", op, (int)rr(1, 2000), u);
    }
    if (w % 10 == 0) bprintf(b, " weight %d", (int)(w / 10));
    else bprintf(b, " weight %d.%d", (int)(w / 10), (int)(w % 10));
    if (core) bputs(b, " core");
    bputs(b, "\n");
}

/* k weights, in tenths, adding to `total` tenths, each at least 2.0 */
static void weights(int k, int64_t total, int64_t *w)
{
    for (int i = 0; i < k; i++) w[i] = (total / k / 10) * 10;
    int64_t left = total;
    for (int i = 0; i < k; i++) left -= w[i];
    w[k - 1] += left;
    for (int t = 0; t < k; t++) { /* shuffle weight between pairs, keep ≥ 2.0 */
        int a = (int)(rnd() % (unsigned)k), c = (int)(rnd() % (unsigned)k);
        int64_t d = pct(20) ? 5 : 10 * rr(0, 3);
        if (a != c && w[a] - d >= 20) { w[a] -= d; w[c] += d; }
    }
}

static void emit_text(Buf *b, const char *kw, const char *const *parts, int nparts, int nlines, const char *sep)
{
    bprintf(b, "    %s ", kw);
    int indent = 5 + (int)strlen(kw);
    for (int l = 0; l < nlines; l++) {
        if (l) {
            bputs(b, "\n");
            for (int i = 0; i < indent; i++) bput(b, " ", 1);
        }
        bputs(b, "\"");
        int k = (int)rr(1, 2);
        for (int i = 0; i < k; i++) {
            bputs(b, parts[rnd() % (unsigned)nparts]);
            if (sep) bputs(b, sep);
        }
        bputs(b, "\"");
    }
    bputs(b, "\n");
}

static void gen_project(Gen *g, int i)
{
    Buf *b = &g->projects;
    if (g->nproj == g->capproj) {
        g->capproj = g->capproj ? g->capproj * 2 : 1024;
        g->proj = xrealloc(g->proj, sizeof(Project) * (size_t)g->capproj);
    }
    Project *p = &g->proj[g->nproj++];
    memset(p, 0, sizeof *p);
    /* amounts: mostly tens of 万元, some large */
    p->amount = pct(10) ? rr(50000, 5000000) : rr(500, 80000);
    char name[256];
    snprintf(name, sizeof name, "%s%s%s", PICK(proj_head), PICK(proj_body), PICK(proj_tail));
    char a[40];
    bprintf(b, "project 50011926T%012d \"%s\" {\n", 5286480 + i * 7, name);
    bprintf(b, "    amount %s\n", money(p->amount, false, a));
    if (pct(10)) bprintf(b, "    superior %s\n", money(p->amount * rr(1, 9) / 10, false, a));
    int ag = (int)(rnd() % (unsigned)g->nagencies);
    bprintf(b, "    agency %s%03d\n", dept_code, ag + 1);
    if (pct(60)) bprintf(b, "    owner \"%s\"\n", dept_name);
    bprintf(b, "    category %s\n", PICK(categories));
    /* function codes */
    int roll = (int)(rnd() % 100);
    if (roll < 5) {
        int leaf = g->bucket_leaves[rnd() % (unsigned)g->nbuckets];
        g->proj_gen[leaf] += p->amount;
        bputs(b, "    # paid from several codes; the budget does not say which\n");
    } else if (roll < 8 && g->fund_code >= 0) {
        p->fund = true;
        p->nf = 1;
        p->f[0] = (Line){ g->fund_code, p->amount };
        g->proj_fund[g->fund_code] += p->amount;
        bprintf(b, "    function %s\n", g->fn.c[g->fund_code].code);
    } else if (roll < 85 || p->amount < 300) {
        int leaf = g->named_leaves[rnd() % (unsigned)g->nnamed];
        p->nf = 1;
        p->f[0] = (Line){ leaf, p->amount };
        g->proj_gen[leaf] += p->amount;
        bprintf(b, "    function %s\n", g->fn.c[leaf].code);
    } else {
        int k = (int)rr(2, 3);
        int64_t parts[3];
        split(p->amount, k, parts);
        int first = (int)(rnd() % (unsigned)g->nnamed);
        for (int j = 0; j < k && j < g->nnamed; j++) {
            int leaf = g->named_leaves[(first + j * 5) % g->nnamed];
            bool dup = false;
            for (int m = 0; m < p->nf; m++) dup |= p->f[m].code == leaf;
            if (dup) { p->f[p->nf - 1].v += parts[j]; g->proj_gen[p->f[p->nf - 1].code] += parts[j]; continue; }
            p->f[p->nf++] = (Line){ leaf, parts[j] };
            g->proj_gen[leaf] += parts[j];
        }
        for (int j = 0; j < p->nf; j++)
            bprintf(b, "    function %s %s\n", g->fn.c[p->f[j].code].code, money(p->f[j].v, false, a));
    }
    /* economic breakdown (302/310 codes), feeding the 三公 derivation */
    if (pct(30) && p->amount >= 400) {
        int k = (int)rr(2, 4);
        int64_t parts[4];
        split(p->amount, k, parts);
        for (int j = 0; j < k; j++) {
            int e;
            bool dup;
            do {
                e = (int)(rnd() % (unsigned)g->ec.n);
                dup = false;
                for (int m = 0; m < p->ne; m++) dup |= p->e[m].code == e;
            } while (g->ec.c[e].nchildren || g->ec.c[e].personnel || dup);
            p->e[p->ne++] = (Line){ e, parts[j] };
            for (int t = 0; t < 4; t++)
                if (e == g->tp_code[t]) g->tp[t] += parts[j];
            bprintf(b, "    economic %s %s\n", g->ec.c[e].code, money(parts[j], false, a));
        }
    }
    bputs(b, "    execution-weight 10\n");
    emit_text(b, "summary", summary_parts, (int)(sizeof summary_parts / sizeof *summary_parts), (int)rr(1, 4), NULL);
    bprintf(b, "    basis \"%s\"\n", PICK(bases));
    emit_text(b, "goal", goal_parts, (int)(sizeof goal_parts / sizeof *goal_parts), (int)rr(1, 3), "；");
    /* indicators */
    int k = (int)rr(3, 8);
    int64_t w[8];
    weights(k, 900, w);
    int core_at = (int)(rnd() % (unsigned)k);
    int used[4][32];
    int nused[4] = { 0 };
    for (int j = 0; j < k; j++) {
        int group = j == k - 1 ? 2 : (int)(rnd() % 100) < 55 ? 0 : (int)(rnd() % 100) < 70 ? 1 : (int)(rnd() % 100) < 40 ? 3 : 2;
        const char *const *pool;
        int npool;
        switch (group) {
        case 0: pool = l3_output; npool = (int)(sizeof l3_output / sizeof *l3_output); break;
        case 1: pool = l3_effect; npool = (int)(sizeof l3_effect / sizeof *l3_effect); break;
        case 2: pool = l3_satisfaction; npool = (int)(sizeof l3_satisfaction / sizeof *l3_satisfaction); break;
        default: pool = l3_cost; npool = (int)(sizeof l3_cost / sizeof *l3_cost); break;
        }
        int pick;
        bool dup;
        do { /* distinct level-3 names within a project: no E121 */
            pick = (int)(rnd() % (unsigned)npool);
            dup = false;
            for (int m = 0; m < nused[group]; m++) dup |= used[group][m] == pick;
        } while (dup);
        used[group][nused[group]++] = pick;
        const char *const *l = level2[group];
        int nl2 = 0;
        while (nl2 < 5 && l[1 + nl2]) nl2++;
        indicator(b, l[0], l[1 + rnd() % (unsigned)nl2], pool[pick], group, w[j], j == core_at || pct(30));
    }
    bputs(b, "}\n\n");
    /* now and then, a procurement item of this project */
    if (pct(25)) {
        int64_t v = p->amount * rr(2, 8) / 10;
        if (v < 1) v = 1;
        bprintf(b, "procurement 2026%06d \"%s\" {\n    category %s\n    一般公共预算资金 %s\n}\n\n", g->nproc + 1,
                PICK(proc_names), PICK(proc_cats), money(v, false, a));
        g->proc = xrealloc(g->proc, sizeof(int64_t) * (size_t)(g->nproc + 1));
        g->proc[g->nproc++] = v;
    }
    g->cut = xrealloc(g->cut, sizeof(size_t) * (size_t)(g->ncut + 1));
    g->cut[g->ncut++] = b->n;
}

/* --------------------------------------------------- basic and economic */

static void basic_amounts(Gen *g, int64_t scale)
{
    for (int i = 0; i < g->fn.n; i++) {
        if (g->fn.c[i].nchildren || g->fund_leaf[i]) continue;
        if (g->basic_leaf[i]) g->basic[i] = rr(1000, 200000) * scale;
        else if (!g->bucket[i] && pct(20)) g->basic[i] = rr(500, 20000) * scale;
    }
    /* the projects' leaves may also have basic; buckets stay project-only */
    g->eco = calloc((size_t)g->ec.n, sizeof(int64_t));
    int64_t B = 0;
    for (int i = 0; i < g->fn.n; i++) B += g->basic[i];
    /* links: economic code = function code's basic */
    static const char *const links[][2] = { { "30108", "2080505" }, { "30109", "2080506" }, { "30113", "2210201" } };
    bool linked[256] = { false };
    int64_t left = B;
    for (int l = 0; l < 3; l++) {
        int e = find(&g->ec, links[l][0]), f = find(&g->fn, links[l][1]);
        if (e < 0 || f < 0 || g->fn.c[f].nchildren) continue;
        g->eco[e] = g->basic[f];
        left -= g->basic[f];
        if (e < 256) linked[e] = true;
    }
    /* the rest over the other 款: personnel heavier */
    int64_t w[256], W = 0;
    int last = -1;
    for (int e = 0; e < g->ec.n && e < 256; e++) {
        w[e] = 0;
        if (g->ec.c[e].nchildren || linked[e]) continue;
        w[e] = g->ec.c[e].personnel ? rr(20, 100) : rr(1, 30);
        if (starts(g->ec.c[e].code, "310") && pct(50)) w[e] = 0;
        W += w[e];
        if (w[e]) last = e;
    }
    if (left <= 0 || last < 0) die("basic amounts do not cover the links");
    int64_t rest = left;
    for (int e = 0; e < g->ec.n && e < 256; e++) {
        if (!w[e]) continue;
        int64_t v = e == last ? rest : left * w[e] / W;
        g->eco[e] = v;
        rest -= v;
    }
}

/* ------------------------------------------------------------ the tables */

static bool subtree_has(const Gen *g, int i, const int64_t *col)
{
    if (col[i]) return true;
    for (int j = i + 1; j < g->fn.n; j++) {
        if (strncmp(g->fn.c[j].code, g->fn.c[i].code, strlen(g->fn.c[i].code)) != 0) break;
        if (col[j]) return true;
    }
    return false;
}

static int64_t subtree_sum(const Gen *g, int i, const int64_t *col)
{
    int64_t t = col[i];
    for (int j = i + 1; j < g->fn.n; j++) {
        if (strncmp(g->fn.c[j].code, g->fn.c[i].code, strlen(g->fn.c[i].code)) != 0) break;
        if (!g->fn.c[j].nchildren) t += col[j];
    }
    return t;
}

static void exp_row(Buf *b, const char *code, const char *name, int64_t basic, int64_t proj, bool wb, bool wp)
{
    char a[40], t[40];
    bputs(b, "    ");
    if (code) {
        pad(b, code, 8);
        pad(b, name, 42);
    } else {
        pad(b, "total", 50);
    }
    bprintf(b, "total %12s", money(basic + proj, true, t));
    if (wb) bprintf(b, "  basic %12s", money(basic, true, a));
    else bputs(b, "                     ");
    if (wp) bprintf(b, "  project %12s", money(proj, true, a));
    /* no trailing spaces */
    while (b->n && b->s[b->n - 1] == ' ') b->n--;
    bputs(b, "\n");
}

static void exp_block(Gen *g, Buf *b, const char *source, const int64_t *basic, const int64_t *proj)
{
    int64_t tb = 0, tp = 0;
    for (int i = 0; i < g->fn.n; i++)
        if (!g->fn.c[i].nchildren) { tb += basic[i]; tp += proj[i]; }
    bprintf(b, "expenditure%s%s {\n", source ? " " : "", source ? source : "");
    exp_row(b, NULL, NULL, tb, tp, tb != 0, tp != 0);
    for (int i = 0; i < g->fn.n; i++) {
        bool hb = subtree_has(g, i, basic), hp = subtree_has(g, i, proj);
        if (!hb && !hp) continue;
        exp_row(b, g->fn.c[i].code, g->fn.c[i].name, subtree_sum(g, i, basic), subtree_sum(g, i, proj), hb, hp);
    }
    bputs(b, "}\n\n");
}

static void write_tables(Gen *g, Buf *b)
{
    char a[40], c[40], d[40];
    int64_t gen_total = 0, fund_total = 0;
    for (int i = 0; i < g->fn.n; i++)
        if (!g->fn.c[i].nchildren) {
            gen_total += g->basic[i] + g->proj_gen[i];
            fund_total += g->proj_fund[i];
        }
    g->carry = gen_total / 40;
    bputs(b, "# 财政拨款收支总表 / 部门收支总表: income side.\n");
    bprintf(b, "income {\n    一般公共预算资金   %s\n", money(gen_total - g->carry, true, a));
    if (fund_total) bprintf(b, "    政府性基金预算资金 %s\n", money(fund_total, true, a));
    bputs(b, "}\n\n");
    bprintf(b, "carryover {\n    一般公共预算资金 %s\n}\n\n", money(g->carry, true, a));
    bputs(b, "# 一般公共预算财政拨款支出预算表: every 类/款 row and the 合计 row are assertions.\n");
    exp_block(g, b, NULL, g->basic, g->proj_gen);
    if (fund_total) {
        int64_t *zero = calloc((size_t)g->fn.n, sizeof(int64_t));
        bputs(b, "# 政府性基金预算支出表\n");
        exp_block(g, b, "政府性基金预算资金", zero, g->proj_fund);
        free(zero);
    }
    /* economic */
    int64_t per = 0, pub = 0;
    for (int e = 0; e < g->ec.n; e++)
        if (!g->ec.c[e].nchildren) {
            if (g->ec.c[e].personnel) per += g->eco[e];
            else pub += g->eco[e];
        }
    bputs(b, "# 一般公共预算财政拨款基本支出预算表: leaves split by the stdlib class.\n");
    bprintf(b, "economic {\n    ");
    pad(b, "total", 40);
    bprintf(b, "%12s  personnel %s  public %s\n", money(per + pub, true, a), money(per, true, c), money(pub, true, d));
    for (int e = 0; e < g->ec.n; e++) {
        Code *k = &g->ec.c[e];
        if (k->nchildren) {
            int64_t t = 0;
            for (int j = e + 1; j < g->ec.n && starts(g->ec.c[j].code, k->code); j++) t += g->eco[j];
            if (!t) continue;
            if (e) bputs(b, "\n");
            bputs(b, "    ");
            pad(b, k->code, 6);
            pad(b, k->name, 34);
            bprintf(b, "%12s\n", money(t, true, a));
            continue;
        }
        if (!g->eco[e]) continue;
        bputs(b, "    ");
        pad(b, k->code, 6);
        pad(b, k->name, 34);
        bprintf(b, "%12s\n", money(g->eco[e], true, a));
    }
    bputs(b, "}\n\n");
    /* three-public: economic block + projects' breakdowns */
    static const char *const tpk[4] = { "overseas", "vehicle-purchase", "vehicle-operation", "reception" };
    bputs(b, "three-public {\n   ");
    for (int t = 0; t < 4; t++) {
        int64_t v = g->tp[t] + (g->tp_code[t] >= 0 ? g->eco[g->tp_code[t]] : 0);
        bprintf(b, " %s %s", tpk[t], money(v, true, a));
    }
    bputs(b, "\n}\n\n");
    /* department performance: 9 indicators, weights 100 */
    bputs(b, "performance {\n    goal ");
    for (size_t i = 0; i < sizeof dept_goals / sizeof *dept_goals; i++)
        bprintf(b, "%s\"%s\"\n", i ? "         " : "", dept_goals[i]);
    int64_t w[9];
    weights(9, 1000, w);
    for (int j = 0; j < 9; j++) {
        int group = j < 5 ? 0 : j < 8 ? 1 : 2;
        const char *l3 = group == 0 ? l3_output[j * 3] : group == 1 ? l3_effect[j] : l3_satisfaction[0];
        indicator(b, level2[group][0], level2[group][1], l3, group, w[j], j % 2 == 0);
    }
    bputs(b, "}\n\n");
}

static void write_header(Gen *g, Buf *b, int64_t bytes)
{
    bprintf(b, "# Generated by tests/bench/gen.c for `make bench` (about %" PRId64 " bytes): a synthetic\n"
               "# department budget with %d projects.  Every sum is consistent: `bdlc check` exits 0.\n\n",
            bytes, g->nproj);
    bputs(b, "import \"cn/2026\"\n\n");
    bprintf(b, "budget 2026 {\n    department %s \"%s\"\n", dept_code, dept_name);
    for (int i = 0; i < g->nagencies; i++) bprintf(b, "    agency %s%03d \"%s\"\n", dept_code, i + 1, agency_names[i]);
    bputs(b, "    unit 万元\n    decimals 2\n}\n\n");
}

/* ------------------------------------------------------------- journals */

typedef struct J {
    FILE *fp;
    bool bean;
    int n;
} J;

static void j_date(J *j, char *buf)
{
    int i = j->n++;
    snprintf(buf, 16, "2026-%02d-%02d", 1 + i % 12, 1 + (i / 12) % 28);
}

/* One balanced transaction: the postings, then the contra account. */
static void j_txn2(J *j, const char *payee, int npost, char acct[][64], const int64_t *v, const char *contra)
{
    char date[16], a[40];
    j_date(j, date);
    if (j->bean) fprintf(j->fp, "%s * \"%s\"\n", date, payee);
    else fprintf(j->fp, "%s * %s\n", date, payee);
    int64_t t = 0;
    for (int i = 0; i < npost; i++) {
        fprintf(j->fp, "    %-44s %14s CNY\n", acct[i], money(v[i], false, a));
        t += v[i];
    }
    char neg[48];
    snprintf(neg, sizeof neg, "-%s", money(t, false, a));
    fprintf(j->fp, "    %-44s %14s CNY\n\n", contra, neg);
}

static void write_journal(Gen *g, const char *path, bool bean)
{
    J j = { fopen(path, "w"), bean, 0 };
    if (!j.fp) die("cannot write %s: %s", path, strerror(errno));
    fprintf(j.fp, "; equivalent of the generated BDL budget: same entries, same amounts\n");
    if (bean) {
        fprintf(j.fp, "option \"title\" \"bench\"\noption \"operating_currency\" \"CNY\"\n\n");
        static const char *const fixed[] = { "Assets:Treasury:General", "Assets:Treasury:Fund", "Income:General",
                                             "Income:Fund", "Equity:Carryover:General", "Expenses:Procurement",
                                             "Expenses:Project:Unassigned" };
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) fprintf(j.fp, "2026-01-01 open %s CNY\n", fixed[i]);
        for (int i = 0; i < g->fn.n; i++) {
            if (g->fn.c[i].nchildren) continue;
            fprintf(j.fp, "2026-01-01 open Expenses:Basic:F%s CNY\n", g->fn.c[i].code);
            fprintf(j.fp, "2026-01-01 open Expenses:Project:F%s CNY\n", g->fn.c[i].code);
        }
        for (int e = 0; e < g->ec.n; e++)
            if (!g->ec.c[e].nchildren) fprintf(j.fp, "2026-01-01 open Expenses:Economic:E%s CNY\n", g->ec.c[e].code);
        fputc('\n', j.fp);
    }
    char acct[8][64];
    int64_t v[8];
    /* income and carryover rows */
    int64_t gen_total = 0, fund_total = 0;
    for (int i = 0; i < g->fn.n; i++)
        if (!g->fn.c[i].nchildren) { gen_total += g->basic[i] + g->proj_gen[i]; fund_total += g->proj_fund[i]; }
    snprintf(acct[0], 64, "Assets:Treasury:General");
    v[0] = gen_total - g->carry;
    j_txn2(&j, "一般公共预算资金", 1, acct, v, "Income:General");
    if (fund_total) {
        snprintf(acct[0], 64, "Assets:Treasury:Fund");
        v[0] = fund_total;
        j_txn2(&j, "政府性基金预算资金", 1, acct, v, "Income:Fund");
    }
    snprintf(acct[0], 64, "Assets:Treasury:General");
    v[0] = g->carry;
    j_txn2(&j, "上年结转 一般公共预算资金", 1, acct, v, "Equity:Carryover:General");
    /* expenditure leaves (both sources) */
    for (int src = 0; src < 2; src++)
        for (int i = 0; i < g->fn.n; i++) {
            if (g->fn.c[i].nchildren) continue;
            int64_t bv = src ? 0 : g->basic[i], pv = src ? g->proj_fund[i] : g->proj_gen[i];
            if (!bv && !pv) continue;
            int n = 0;
            if (bv) { snprintf(acct[n], 64, "Expenses:Basic:F%s", g->fn.c[i].code); v[n++] = bv; }
            if (pv) { snprintf(acct[n], 64, "Expenses:Project:F%s", g->fn.c[i].code); v[n++] = pv; }
            char payee[256];
            snprintf(payee, sizeof payee, "%s %s", g->fn.c[i].code, g->fn.c[i].plain);
            j_txn2(&j, payee, n, acct, v, src ? "Assets:Treasury:Fund" : "Assets:Treasury:General");
        }
    /* economic leaves */
    for (int e = 0; e < g->ec.n; e++) {
        if (g->ec.c[e].nchildren || !g->eco[e]) continue;
        snprintf(acct[0], 64, "Expenses:Economic:E%s", g->ec.c[e].code);
        v[0] = g->eco[e];
        char payee[256];
        snprintf(payee, sizeof payee, "%s %s", g->ec.c[e].code, g->ec.c[e].plain);
        j_txn2(&j, payee, 1, acct, v, "Assets:Treasury:General");
    }
    /* projects: one transaction each, a posting per function code */
    for (int i = 0; i < g->nproj; i++) {
        Project *p = &g->proj[i];
        int n = 0;
        if (!p->nf) { snprintf(acct[n], 64, "Expenses:Project:Unassigned"); v[n++] = p->amount; }
        for (int k = 0; k < p->nf; k++) {
            snprintf(acct[n], 64, "Expenses:Project:F%s", g->fn.c[p->f[k].code].code);
            v[n++] = p->f[k].v;
        }
        char payee[64];
        snprintf(payee, sizeof payee, "project 50011926T%012d", 5286480 + i * 7);
        j_txn2(&j, payee, n, acct, v, p->fund ? "Assets:Treasury:Fund" : "Assets:Treasury:General");
    }
    /* procurement items */
    for (int i = 0; i < g->nproc; i++) {
        snprintf(acct[0], 64, "Expenses:Procurement");
        v[0] = g->proc[i];
        char payee[64];
        snprintf(payee, sizeof payee, "procurement 2026%06d", i + 1);
        j_txn2(&j, payee, 1, acct, v, "Assets:Treasury:General");
    }
    fclose(j.fp);
    g->entries = j.n;
}

/* ---------------------------------------------------------------- output */

static void write_file(const char *path, const char *s, size_t n)
{
    FILE *fp = fopen(path, "w");
    if (!fp) die("cannot write %s: %s", path, strerror(errno));
    if (fwrite(s, 1, n, fp) != n || fclose(fp) != 0) die("cannot write %s", path);
}

int main(int argc, char **argv)
{
    const char *lib = "stdlib/cn/2026", *out = NULL, *split_dir = NULL, *journal = NULL, *bean = NULL;
    int64_t bytes = 1000000;
    int nfiles = 1000, nprojects = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) die("option %s needs a value", a);
        const char *v = argv[++i];
        if (!strcmp(a, "-L")) lib = v;
        else if (!strcmp(a, "-s")) bytes = strtoll(v, NULL, 10);
        else if (!strcmp(a, "-o")) out = v;
        else if (!strcmp(a, "-d")) split_dir = v;
        else if (!strcmp(a, "-n")) nfiles = atoi(v);
        else if (!strcmp(a, "-j")) journal = v;
        else if (!strcmp(a, "-b")) bean = v;
        else if (!strcmp(a, "-S")) rng_state = strtoull(v, NULL, 0) | 1;
        else if (!strcmp(a, "-p")) nprojects = atoi(v);
        else die("unknown option %s", a);
    }
    if (!out || bytes <= 0 || nfiles < 2) die("usage: gen -L STDLIB -s BYTES -o OUT.bdl [-d DIR -n FILES] [-j J] [-b B]");
    Gen g;
    memset(&g, 0, sizeof g);
    char path[4096];
    snprintf(path, sizeof path, "%s/function.bdl", lib);
    read_cls(path, "function", &g.fn);
    snprintf(path, sizeof path, "%s/economic.bdl", lib);
    read_cls(path, "economic", &g.ec);
    static const char *const tpc[4] = { "30212", "31013", "30231", "30217" };
    for (int t = 0; t < 4; t++) g.tp_code[t] = find(&g.ec, tpc[t]);
    classify_leaves(&g);
    g.nagencies = NAGENCIES;
    /* projects until the file reaches the size (tables are ~20 KB) */
    int64_t tables = 24000;
    for (int i = 0; nprojects > 0 ? i < nprojects : (int64_t)g.projects.n + tables < bytes || i < 3; i++)
        gen_project(&g, i);
    basic_amounts(&g, 1 + g.nproj / 200);
    Buf head = { 0 }, tab = { 0 };
    write_header(&g, &head, bytes);
    write_tables(&g, &tab);
    /* one file */
    FILE *fp = fopen(out, "w");
    if (!fp) die("cannot write %s: %s", out, strerror(errno));
    fwrite(head.s, 1, head.n, fp);
    fwrite(tab.s, 1, tab.n, fp);
    fwrite(g.projects.s, 1, g.projects.n, fp);
    if (fclose(fp) != 0) die("cannot write %s", out);
    /* split: root + parts/0000.bdl (tables) + projects in nfiles-1 parts */
    if (split_dir) {
        snprintf(path, sizeof path, "%s/parts", split_dir);
        mkdir(split_dir, 0777);
        mkdir(path, 0777);
        Buf root = { 0 };
        bput(&root, head.s, head.n);
        bputs(&root, "include \"parts/*.bdl\"\n");
        snprintf(path, sizeof path, "%s/budget.bdl", split_dir);
        write_file(path, root.s, root.n);
        snprintf(path, sizeof path, "%s/parts/0000.bdl", split_dir);
        write_file(path, tab.s, tab.n);
        int parts = nfiles - 1;
        if (parts > g.ncut) parts = g.ncut;
        size_t from = 0;
        for (int k = 0; k < parts; k++) {
            int last = (int)((int64_t)g.ncut * (k + 1) / parts) - 1;
            size_t to = g.cut[last];
            snprintf(path, sizeof path, "%s/parts/%04d.bdl", split_dir, k + 1);
            write_file(path, g.projects.s + from, to - from);
            from = to;
        }
        free(root.s);
    }
    if (journal) write_journal(&g, journal, false);
    if (bean) write_journal(&g, bean, true);
    int nind = 0;
    for (size_t i = 0; i + 10 < g.projects.n; i++)
        if (g.projects.s[i] == '\n' && !memcmp(g.projects.s + i + 1, "    indicator", 13)) nind++;
    fprintf(stderr, "gen: %s: %zu bytes, %d projects, %d indicators, %d procurement items\n", out,
            head.n + tab.n + g.projects.n, g.nproj, nind, g.nproc);
    if (journal || bean) fprintf(stderr, "gen: %ld journal transactions\n", g.entries);
    free(head.s);
    free(tab.s);
    return 0;
}
