package report

import (
	"fmt"
	"html/template"
	"io"
)

// Write writes the brief as one HTML page.
func Write(w io.Writer, b *Brief) error {
	if err := page.Execute(w, b); err != nil {
		return fmt.Errorf("write brief: %w", err)
	}
	return nil
}

var page = template.Must(template.New("brief").Funcs(template.FuncMap{
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"f3":  func(f float64) string { return fmt.Sprintf("%.3f", f) },
	"f4":  func(f float64) string { return fmt.Sprintf("%.4f", f) },
	"css": func(s string) template.CSS { return template.CSS("background:" + s) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Actor}}: brief</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2329; margin: 0; background: #f4f6f8; }
header { background: #1d2d44; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; opacity: .85; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 32px 40px; display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
section { background: #fff; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 17px; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e6e9ee; vertical-align: top; }
th { color: #5b6670; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 6px; }
.muted { color: #6b7680; }
.chart { width: 100%; height: auto; }
blockquote { margin: 0 0 10px; padding: 6px 10px; border-left: 3px solid #9aa5b1; background: #f8f9fb; }
blockquote p { margin: 0 0 3px; }
.rel { font-weight: 600; }
.status { font-size: 12px; padding: 0 5px; border-radius: 3px; background: #fde68a; }
a { color: #1f5fa8; }
</style>
</head>
<body>
<header>
<h1 id="actor">{{.Actor}}</h1>
<p>{{with .Kind}}{{.}} · {{end}}{{.Window}} · brief generated {{.Generated}} by dipgraph</p>
</header>
<main>
<section id="bloc">
<h2>Bloc</h2>
{{with .Bloc}}
<p><span class="swatch" style="{{css .Colour}}"></span><b>Bloc {{.ID}}</b> of the latest analysis: {{.Size}} actor{{if gt .Size 1}}s{{end}}, balance {{f3 .Balance}} (the whole graph: {{f3 .GraphBalance}}).</p>
<p class="muted">Balance is 1 − the share of the bloc's tie weight that contradicts it (conflict inside, cooperation across).</p>
<p>Members by influence: {{range $i, $m := .Members}}{{if $i}}, {{end}}{{$m}}{{end}}</p>
<table>
<tr><th>brokerage (betweenness)</th><td class="n">{{f4 .Betweenness}}</td></tr>
<tr><th>influence (PageRank)</th><td class="n">{{f4 .PageRank}}</td></tr>
<tr><th>other blocs its partners belong to</th><td class="n">{{range $i, $b := .Reaches}}{{if $i}}, {{end}}{{$b}}{{else}}none{{end}}</td></tr>
</table>
{{else}}
<p class="muted">No analysis covers this actor: run <code>dipgraph analyze</code> (with a window that includes its relationships) and write the brief again.</p>
{{end}}
</section>
<section id="roles">
<h2>Roles</h2>
{{if .Roles}}
<table>
<tr><th>person</th><th>title</th><th>of</th><th>since</th><th>until</th></tr>
{{range .Roles}}<tr><td>{{.Person}}</td><td>{{.Title}}</td><td>{{.Of}}</td><td>{{.Since}}</td><td>{{.Until}}</td></tr>
{{end}}</table>
{{else}}<p class="muted">No office held by or at this actor in the graph.</p>{{end}}
</section>
<section id="partners">
<h2>Partners</h2>
{{template "counterparts" .Partners}}
</section>
<section id="adversaries">
<h2>Adversaries</h2>
{{template "counterparts" .Adversaries}}
</section>
<section id="balance" class="wide">
<h2>Monthly Goldstein balance</h2>
{{if .Chart}}{{.Chart}}
<p class="muted">Sum of the Goldstein scores of the interactions with each counterpart per month (the saved query dyad-balance): above zero cooperation, below conflict.</p>
{{else}}<p class="muted">No dated interaction with a counterpart in this window.</p>{{end}}
</section>
<section id="evidence" class="wide">
<h2>Evidence</h2>
{{range .Evidence}}
<blockquote>
<p><span class="rel">{{.Statement}}</span>{{if ne .Status "asserted"}} <span class="status">{{.Status}}</span>{{end}} · {{.Published}}</p>
<p>“{{.Sentence}}”</p>
<p class="muted">{{if .Article.URL}}<a href="{{.Article.URL}}">{{or .Article.Title .Article.ID}}</a>{{else}}{{or .Article.Title .Article.ID}}{{end}}{{with .Article.Source}} · {{.}}{{end}}</p>
</blockquote>
{{else}}<p class="muted">No sentence in this window.</p>{{end}}
</section>
</main>
</body>
</html>
{{define "counterparts"}}{{if .}}
<table>
<tr><th>counterpart</th><th>articles</th><th>relationships</th><th>seen</th></tr>
{{range .}}<tr><td>{{.Name}}{{with .Kind}} <span class="muted">{{.}}</span>{{end}}</td><td class="n">{{.Articles}}</td><td>{{range $i, $r := .Relations}}{{if $i}}; {{end}}{{$r}}{{end}}</td><td>{{.First}}{{if ne .First .Last}} – {{.Last}}{{end}}</td></tr>
{{end}}</table>
{{else}}<p class="muted">None in this window.</p>{{end}}{{end}}
`))
