import Foundation
import CotejoModel

/// The frame every report page shares: one inline style sheet (no external CSS, script or font, so
/// the folder can be zipped and opened anywhere, offline) and the navigation bar.
struct PageShell {
    var words: Words
    var version: String

    static let style = """
    *{box-sizing:border-box}
    body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0;color:#1d1d1d;background:#fafafa;font-size:14px;line-height:1.45}
    header.top{background:#1f3a5a;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
    header.top a{color:#fff;text-decoration:none;font-weight:bold}header.top .brand{font-size:18px}
    main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
    h1{font-size:22px;margin:12px 0 4px}h2{font-size:18px;border-bottom:2px solid #d8d8d8;padding-bottom:3px;margin-top:30px}
    h3{font-size:15px;margin:18px 0 6px}
    table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px;background:#fff}
    th,td{border:1px solid #cfcfcf;padding:4px 6px;vertical-align:top;text-align:left}
    th{background:#eceff3}td.num,th.num{text-align:right;white-space:nowrap}
    .muted{color:#666}.small{font-size:12px}.mono{font-family:"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
    .sev{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:bold;color:#fff}
    .sev.error{background:#b3261e}.sev.warning{background:#9a5b00}.sev.info{background:#3a64a8}
    tr.failed td{background:#fdecec}
    .finding{background:#fff;border:1px solid #d5d5d5;border-left:6px solid #999;border-radius:4px;padding:10px 14px;margin:12px 0}
    .finding.error{border-left-color:#b3261e}.finding.warning{border-left-color:#9a5b00}.finding.info{border-left-color:#3a64a8}
    .finding .msg{font-size:15px;margin:4px 0 8px}
    .finding table.values{width:auto;min-width:260px}
    .where{margin-top:8px}
    .crop{margin:6px 0}.crop img{max-width:100%;height:auto;border:1px solid #bbb;display:block;background:#fff}
    table.quotes{width:auto;min-width:50%;margin-top:8px}table.quotes td.quote{background:#f6f6f6;white-space:pre-wrap}
    .notice{background:#fff6e0;border:1px solid #e5c46b;padding:6px 10px;margin:6px 0}
    .facts td:first-child{width:110px;font-weight:bold}
    svg.chart{max-width:100%;height:auto;font-size:12px;background:#fff;border:1px solid #ddd}
    svg.chart text{fill:#222}svg.chart text.v{font-size:11px}svg.chart text.muted{fill:#888}
    .counts span{margin-right:6px;white-space:nowrap}
    footer{color:#777;font-size:12px;margin-top:40px}
    .crop a{display:inline-block}.crop a:hover img{border-color:#1f3a5a}
    th.sorter{cursor:pointer;user-select:none}th.sorter:hover{background:#dfe5ec}
    th[aria-sort=ascending]::after{content:" \\25B2";font-size:10px}th[aria-sort=descending]::after{content:" \\25BC";font-size:10px}
    .filter{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:6px 0}
    .filter input[type=search]{padding:4px 8px;border:1px solid #bbb;border-radius:4px;min-width:300px;font:inherit}
    .filter label{white-space:nowrap}.filter .shown{color:#666;font-size:12px}
    @media print{
    .filter{display:none}
    body{background:#fff;font-size:11px}header.top{display:none}main{max-width:none;padding:0}
    .finding{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid;page-break-after:avoid}
    table{font-size:10px}tr{break-inside:avoid}a{color:inherit;text-decoration:none}
    .sev{color:#000;border:1px solid #000;background:none!important}
    }
    """

    /// Sorting and filtering, inline like the style (no network, no library). Click a column's
    /// head in a `table.sortable` to sort it (numbers as the page's language writes them, "—"
    /// last); type in an `input[data-filter]` to keep the rows or findings of its target holding
    /// the text (accents and case ignored); untick a severity to hide its findings. A filter can
    /// be given in the address (`#filtro=texto`), so a filtered view can be linked to.
    static let script = #"""
    (function(){
    var es=document.documentElement.lang==='es';
    function fold(s){return s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').toLowerCase();}
    function value(cell){
      if(!cell)return null;var t=cell.textContent.trim();if(!t||t==='\u2014')return null;
      var n=t.replace(/[\s%\u00a0]/g,'');n=es?n.replace(/\./g,'').replace(',','.'):n.replace(/,/g,'');
      return /^-?\d+(\.\d+)?$/.test(n)?parseFloat(n):fold(t);
    }
    function rows(table){return Array.prototype.slice.call(table.rows,1);}
    document.querySelectorAll('table.sortable').forEach(function(table){
      var head=table.rows[0];
      Array.prototype.forEach.call(head.cells,function(th,i){
        th.classList.add('sorter');
        th.addEventListener('click',function(){
          var up=th.getAttribute('aria-sort')!=='ascending';
          Array.prototype.forEach.call(head.cells,function(c){c.removeAttribute('aria-sort');});
          th.setAttribute('aria-sort',up?'ascending':'descending');
          var list=rows(table),body=list.length?list[0].parentNode:null;
          list.sort(function(a,b){
            var x=value(a.cells[i]),y=value(b.cells[i]);
            if(x===null)return y===null?0:1;if(y===null)return -1;
            if(typeof x!==typeof y){x=String(x);y=String(y);}
            return (x<y?-1:x>y?1:0)*(up?1:-1);
          });
          list.forEach(function(r){body.appendChild(r);});
        });
      });
    });
    document.querySelectorAll('[data-filter]').forEach(function(box){
      var target=document.getElementById(box.getAttribute('data-filter'));if(!target)return;
      var text=box.querySelector('input[type=search]'),levels=box.querySelectorAll('input[data-severity]');
      function apply(){
        var q=fold(text.value.trim()),off={};
        levels.forEach(function(c){if(!c.checked)off[c.getAttribute('data-severity')]=1;});
        var items=target.tagName==='TABLE'?rows(target):Array.prototype.slice.call(target.querySelectorAll('.finding'));
        var shown=0;
        items.forEach(function(el){
          var hidden=Object.keys(off).some(function(k){return el.classList.contains(k);});
          var show=!hidden&&(!q||fold(el.textContent).indexOf(q)>=0);
          el.style.display=show?'':'none';if(show)shown++;
        });
        var count=box.querySelector('.shown');if(count)count.textContent=shown+' / '+items.length;
      }
      text.addEventListener('input',apply);levels.forEach(function(c){c.addEventListener('change',apply);});
      var m=/[#&]filtro=([^&]*)/.exec(location.hash);if(m){text.value=decodeURIComponent(m[1]);}
      apply();
    });
    })();
    """#

    func page(title: String, body: String) -> String {
        let w = words
        return """
        <!DOCTYPE html>
        <html lang="\(w.language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title>
        <style>\(Self.style)</style></head><body>
        <header class="top"><a class="brand" href="index.html">Cotejo</a>
        <a href="index.html">\(w("Documentos", "Documents"))</a>
        <a href="compare.html">\(w("Comparación", "Comparison"))</a></header>
        <main>
        \(body)
        <footer>\(w("Generado por", "Generated by")) cotejo \(escapeHTML(version)).</footer>
        </main><script>\(Self.script)</script></body></html>

        """
    }
}

extension Words {
    /// The search box (and, for findings, the severity boxes) that filter the element `target`.
    func filterBox(target: String, severities: Set<Severity> = []) -> String {
        var h = "<div class=\"filter\" data-filter=\"\(target)\"><input type=\"search\" placeholder=\"\(self("Filtrar por palabra, regla o archivo", "Filter by word, rule or file"))\" aria-label=\"\(self("Filtrar", "Filter"))\">"
        if severities.count > 1 {
            for s in Severity.allCases.reversed() where severities.contains(s) {
                h += "<label><input type=\"checkbox\" data-severity=\"\(s.rawValue)\" checked> <span class=\"sev \(s.rawValue)\">\(escapeHTML(severity(s, count: 2)))</span></label>"
            }
        }
        return h + "<span class=\"shown\"></span></div>"
    }

    /// Counts of findings as badges: "2 errores · 1 advertencia".
    func findingCounts(_ findings: [Finding]) -> String {
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let parts = Severity.allCases.reversed().compactMap { s in
            counts[s].map { "<span><span class=\"sev \(s.rawValue)\">\($0)</span> \(escapeHTML(severity(s, count: $0)))</span>" }
        }
        return parts.isEmpty ? "<span class=\"muted\">\(self("ninguno", "none"))</span>" : "<span class=\"counts\">" + parts.joined() + "</span>"
    }
}
