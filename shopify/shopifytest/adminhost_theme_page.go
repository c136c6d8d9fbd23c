package shopifytest

import (
	"html/template"
	"net/http"
)

func renderThemeEditor(w http.ResponseWriter, status int, v themeEditorView) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := adminTemplates.ExecuteTemplate(w, "theme-editor", v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func init() {
	template.Must(adminTemplates.New("theme-editor-body").Parse(`
<style>
.editor{max-width:640px;margin:24px auto;padding:0 16px}
.editor h1{font-size:20px;margin:0 0 4px}.editor .sub{color:#616161;margin:0 0 16px}
.editor .card{margin:16px 0}
.embed-head{display:flex;align-items:center;gap:12px}.embed-head h2{font-size:15px;margin:0;flex:1}
.switch{display:flex;align-items:center;gap:6px;font-weight:600}
.field{margin:12px 0}.field label,.field .label{display:block;font-weight:600;margin-bottom:4px}
.field .info{color:#616161;margin:4px 0 0}.field input[type=text],.field select{width:100%;padding:6px 8px;border:1px solid #8a8a8a;border-radius:8px;font:inherit}
.field input[type=color]{width:48px;height:32px;padding:0;border:1px solid #8a8a8a;border-radius:8px}
.field.check label{display:flex;gap:6px;align-items:center}
.settings-head{font-size:13px;text-transform:uppercase;color:#616161;margin:20px 0 4px;letter-spacing:.02em}
.notice{border-radius:8px;padding:10px 12px;margin:12px 0;background:#eaf4ff}.notice.error{background:#fee9e8}.notice.ok{background:#cdfee1}
.actions{display:flex;gap:8px;justify-content:flex-end;align-items:center}
</style>
<div class="editor">
<h1>Theme editor · App embeds</h1>
<p class="sub">{{.ThemeName}} (live theme){{if .StorefrontURL}} · <a href="{{.StorefrontURL}}" target="_blank" rel="noopener" data-testid="view-store">View your store</a>{{end}}</p>
{{if .Saved}}<p class="notice ok" role="status" data-testid="editor-saved">Saved. Your store shows the app embeds as set here.</p>{{end}}
{{if .Error}}<p class="notice error" role="alert" data-testid="editor-error">{{.Error}}</p>{{end}}
<form method="post" action="/store/{{.StoreHandle}}/themes/current/editor" data-testid="theme-editor">
{{range .Embeds}}<section class="card" data-testid="embed-{{.Key}}">
<div class="embed-head"><h2>{{.Name}}</h2>
<label class="switch"><input type="checkbox" name="embed:{{.Key}}" value="on"{{if .On}} checked{{end}} data-testid="embed-on"> On</label></div>
{{if .Activating}}<p class="notice" data-testid="embed-activating">{{.Name}} is switched on below. Save to add it to your store.</p>{{end}}
{{range .Fields}}{{if eq .Type "header"}}<h3 class="settings-head">{{.Label}}</h3>
{{else if eq .Type "paragraph"}}<p class="info">{{.Label}}</p>
{{else if eq .Type "checkbox"}}<div class="field check"><label><input type="checkbox" name="{{.Name}}" value="on"{{if .Checked}} checked{{end}} data-testid="setting-{{.ID}}"> {{.Label}}</label>{{if .Info}}<p class="info">{{.Info}}</p>{{end}}</div>
{{else}}<div class="field"><label for="{{.Name}}">{{.Label}}</label>
{{if eq .Type "color"}}<input type="color" id="{{.Name}}" name="{{.Name}}" value="{{.Value}}" data-testid="setting-{{.ID}}">
{{else if or (eq .Type "select") (eq .Type "radio")}}<select id="{{.Name}}" name="{{.Name}}" data-testid="setting-{{.ID}}">{{range .Options}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select>
{{else if eq .Type "range"}}<input type="range" id="{{.Name}}" name="{{.Name}}" value="{{.Value}}" min="{{.Min}}" max="{{.Max}}" step="{{.Step}}" data-testid="setting-{{.ID}}" oninput="this.nextElementSibling.textContent=this.value+'{{.Unit}}'"><output>{{.Value}}{{.Unit}}</output>
{{else}}<input type="text" id="{{.Name}}" name="{{.Name}}" value="{{.Value}}" data-testid="setting-{{.ID}}">{{end}}
{{if .Info}}<p class="info">{{.Info}}</p>{{end}}</div>
{{end}}{{end}}
</section>
{{else}}<div class="card"><p>The app has no app embeds.</p></div>{{end}}
<div class="actions"><button class="btn" type="submit" data-testid="editor-save">Save</button></div>
</form>
</div>`))
	template.Must(adminTemplates.New("theme-editor").Parse(`{{template "head" .}}{{template "theme-editor-body" .}}{{template "foot" .}}`))
}
