package report

import (
	"bytes"
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chart draws the monthly Goldstein balance of each series as an SVG element (gonum/plot
// with its SVG backend): one line with points per counterpart, months on the x axis, a
// zero line between cooperation above and conflict below.
func chart(months []string, series []Series) (string, error) {
	p := plot.New()
	p.Title.Text = "Monthly Goldstein balance with the main counterparts"
	p.X.Label.Text = "month"
	p.Y.Label.Text = "Goldstein sum (cooperation > 0 > conflict)"
	p.Legend.Top = true
	index := map[string]float64{}
	var ticks []plot.Tick
	step := max(1, len(months)/12)
	for i, m := range months {
		index[m] = float64(i)
		label := ""
		if i%step == 0 {
			label = m
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Color = color.Gray{Y: 150}
	zero.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(zero)
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s.Values {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	// Room above for the legend and around the points.
	span := max(hi-lo, 1)
	p.Y.Min, p.Y.Max = lo-0.1*span, hi+0.12*span*float64(len(series)+1)
	for _, s := range series {
		var xys plotter.XYs
		for _, m := range months {
			if v, ok := s.Values[m]; ok {
				xys = append(xys, plotter.XY{X: index[m], Y: v})
			}
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return "", err
		}
		c := hexColour(s.Colour)
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Shape, points.Radius = c, draw.CircleGlyph{}, vg.Points(3)
		p.Add(line, points)
		p.Legend.Add(s.Name, line, points)
	}
	w, err := p.WriterTo(vg.Points(720), vg.Points(320), "svg")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return "", err
	}
	// Inline SVG in HTML: drop the XML prolog and doctype, keep the <svg> element.
	out := buf.String()
	if i := strings.Index(out, "<svg"); i >= 0 {
		out = out[i:]
	}
	return strings.Replace(out, "<svg", `<svg class="chart" role="img" aria-label="monthly Goldstein balance"`, 1), nil
}

func hexColour(s string) color.Color {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil {
		return color.Black
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
