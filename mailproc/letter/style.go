package letter

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// fontStack names fonts with Helvetica's metrics, so that the HTML breaks
// no line the PDF does not.
const fontStack = `Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif`

// StyleSource is the Content-Security-Policy source that allows the
// letter's style sheet, and nothing else, to apply: 'sha256-…'.
func StyleSource() string {
	sum := sha256.Sum256([]byte(styleSheet()))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// styleSheet is the HTML letter's style sheet, made from the geometries
// and type sizes the PDF uses, so both put everything in the same place.
func styleSheet() string {
	var b strings.Builder
	b.WriteString(`@page{margin:0}*{box-sizing:border-box}html{background:#ccc}` +
		`body{margin:0;font-family:` + fontStack + `;color:#000}` +
		`.howto{max-width:190mm;margin:6mm auto;padding:3mm 5mm;background:#fff;font-size:11pt;line-height:1.4}` +
		`.page{position:relative;overflow:hidden;margin:6mm auto;background:#fff;box-shadow:0 0 3mm #888;break-after:page}` +
		`.page>*{position:absolute;margin:0}address{font-style:normal}.line{display:block;white-space:pre}.ref{text-align:right}` +
		`.fold{left:4mm;width:6mm;height:0;border-top:0.2mm solid #808080}` +
		`@media print{html{background:none}.howto{display:none}.page{margin:0;box-shadow:none}}`)
	fmt.Fprintf(&b, ".head{font-weight:bold;%s}.small{%s}.return{%s}.subject{font-weight:bold}",
		typeSize(headSize), typeSize(smallSize), typeSize(returnSize))
	for _, p := range []Paper{PaperLetter, PaperA4} {
		paperStyle(&b, GeometryOf(p))
	}
	for size := float64(minBodySize); size <= maxBodySize; size += sizeStep {
		fmt.Fprintf(&b, ".t%s .body{%s}", sizeClass(size), typeSize(size))
	}
	for size := float64(minAddress); size <= addressSize; size += sizeStep {
		fmt.Fprintf(&b, ".a%s .window{%s}", sizeClass(size), typeSize(size))
	}
	return b.String()
}

// paperStyle places the parts of a letter on one paper.
func paperStyle(sb *strings.Builder, g Geometry) {
	p := string(g.Paper)
	fmt.Fprintf(sb, "@page %s-page{size:%.2fmm %.2fmm;margin:0}", p, g.PageW, g.PageH)
	fmt.Fprintf(sb, ".%s{page:%s-page;width:%.2fmm;height:%.2fmm}", p, p, g.PageW, g.PageH)
	parts := []struct {
		class string
		box   Box
	}{{"letterhead", g.Letterhead}, {"ref", g.Reference}, {"return", g.ReturnLine}, {"window", g.Window}, {"body", g.Body}}
	for _, part := range parts {
		b := part.box
		fmt.Fprintf(sb, ".%s .%s{left:%.2fmm;top:%.2fmm;width:%.2fmm;height:%.2fmm}", p, part.class, b.X, b.Y, b.W, b.H)
	}
	for i, y := range g.Folds {
		fmt.Fprintf(sb, ".%s .fold-%d{top:%.2fmm}", p, i+1, y)
	}
}

// typeSize sets a type size and its leading.
func typeSize(size float64) string {
	return fmt.Sprintf("font-size:%gpt;line-height:%gpt", size, size*leading)
}
