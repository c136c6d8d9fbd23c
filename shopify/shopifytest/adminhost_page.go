package shopifytest

import (
	"html/template"
	"net/http"
)

// adminPage is what the fake admin's pages show.
type adminPage struct {
	Store, StoreHandle, AppName, APIKey string
	Staff                               StaffUser
	StaffList                           []StaffUser
	Installed                           bool
	InstallURL                          string
	FrameSrc, AppOrigin                 string
	Languages                           []struct{ Locale, Name string }
}

func renderAdmin(w http.ResponseWriter, name string, p adminPage) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := adminTemplates.ExecuteTemplate(w, name, p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

var adminTemplates = template.Must(template.New("admin").Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.Store}} · Shopify admin (local)</title>
<style>
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;font-size:13px;background:#f1f1f1;color:#303030}
.top{height:56px;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;gap:16px;padding:0 16px}
.top b{color:#fff}.top .who{margin-left:auto}
.shell{display:flex;height:calc(100vh - 56px)}
nav{width:240px;padding:12px 8px;background:#ebebeb;overflow:auto;flex:none}
nav a{display:block;padding:6px 10px;border-radius:8px;color:#303030;text-decoration:none}
nav a:hover{background:#f7f7f7}nav .sub a{padding-left:28px;color:#616161}nav .sub a.active{background:#fafafa;color:#303030;font-weight:600}
nav h4{margin:14px 10px 4px;font-size:12px;color:#616161;font-weight:600}
main{flex:1;overflow:auto;padding:0}
iframe{border:0;width:100%;height:100%;display:block;background:#f1f1f1}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(26,26,26,.07),0 0 0 1px rgba(0,0,0,.05);padding:16px;max-width:640px;margin:24px auto}
.btn{display:inline-block;background:#303030;color:#fff;border:0;border-radius:8px;padding:6px 12px;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.btn.plain{background:#fff;color:#303030;box-shadow:inset 0 0 0 1px #c9c9c9}
.toast{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:#1a1a1a;color:#fff;border-radius:8px;padding:10px 16px;display:none}
.toast.error{background:#8e1f0b}
</style></head><body>
<header class="top"><b>shopify</b><span>{{.Store}}</span><span class="who" data-testid="staff-name">{{.Staff.FirstName}} {{.Staff.LastName}}</span></header>
<div class="shell"><nav aria-label="Admin">
<a href="/store/{{.StoreHandle}}">Home</a><a href="#">Orders</a><a href="#">Products</a><a href="#">Customers</a><a href="/store/{{.StoreHandle}}/themes/current/editor?context=apps" data-testid="online-store-link">Online Store</a>
<h4>Apps</h4><a href="/store/{{.StoreHandle}}/apps/{{.APIKey}}" data-testid="app-link">{{.AppName}}</a><div class="sub" id="app-nav" data-testid="app-nav"></div>
</nav><main>{{end}}
{{define "foot"}}</main></div>
<div class="toast" id="toast" role="status" data-testid="admin-toast"></div>
</body></html>{{end}}
{{define "home"}}{{template "head" .}}{{template "home-body" .}}{{template "foot" .}}{{end}}
{{define "frame"}}{{template "head" .}}{{template "frame-body" .}}{{template "foot" .}}{{end}}
`))

func init() {
	template.Must(adminTemplates.New("home-body").Parse(`
<div class="card"><h2>{{.AppName}}</h2>
{{if .Installed}}<p>Installed.</p><p><a class="btn" href="/store/{{.StoreHandle}}/apps/{{.APIKey}}" data-testid="open-app">Open app</a>
<form method="post" action="/store/{{.StoreHandle}}/apps/{{.APIKey}}/uninstall" style="display:inline"><button class="btn plain" data-testid="uninstall-app">Uninstall</button></form></p>
{{else}}<p>Live chat, an agent inbox and an AI agent for your store.</p><p><a class="btn" href="{{.InstallURL}}" data-testid="install-app-start">Install app</a></p>{{end}}
</div>
<div class="card"><h3>Signed in as</h3><p>{{range .StaffList}}<a href="?as={{.ID}}">{{.FirstName}} {{.LastName}}</a>{{if .AccountOwner}} (owner){{end}}<br>{{end}}</p>
<form method="post" action="/store/{{.StoreHandle}}/profile/language"><label for="admin-language">Language of {{.Staff.FirstName}}'s admin</label>
<select id="admin-language" name="locale" data-testid="admin-language">{{$current := .Staff.AdminLocale}}{{range .Languages}}<option value="{{.Locale}}"{{if eq .Locale $current}} selected{{end}}>{{.Name}}</option>{{end}}</select>
<button class="btn plain" data-testid="admin-language-save">Save</button></form></div>`))
	template.Must(adminTemplates.New("frame-body").Parse(`
<iframe id="app-frame" title="{{.AppName}}" src="{{.FrameSrc}}" data-testid="app-frame"></iframe>
<script>
(function () {
  var appOrigin = {{.AppOrigin}}, store = {{.StoreHandle}}, key = {{.APIKey}};
  // The toast sits after this script in the page: look it up when needed.
  var frame = document.getElementById("app-frame"), timer;
  var shop = new URL(frame.src).searchParams.get("shop");
  window.addEventListener("message", async function (e) {
    var m = e.data;
    if (e.origin !== appOrigin || !m || m.source !== "shopifytest-appbridge") return;
    var reply = function (result, error) { e.source.postMessage({source: "shopifytest-admin", id: m.id, result: result, error: error}, appOrigin); };
    if (m.type === "idToken") {
      var r = await fetch("/admin/session-token?shop=" + encodeURIComponent(shop), {credentials: "same-origin"});
      if (r.ok) reply((await r.json()).token); else reply(null, "no session token: " + r.status);
    } else if (m.type === "toast") {
      var toast = document.getElementById("toast");
      toast.textContent = m.data.message; toast.className = "toast" + (m.data.isError ? " error" : ""); toast.style.display = "block";
      clearTimeout(timer); timer = setTimeout(function () { toast.style.display = "none"; }, 5000); reply(true);
    } else if (m.type === "navigate") {
      var u = new URL(m.data.url);
      if (u.origin === appOrigin) { window.location.href = u.href; reply(true); } else reply(null, "refused");
    } else if (m.type === "nav") {
      var nav = document.getElementById("app-nav"); nav.textContent = "";
      m.data.filter(function (l) { return !l.home; }).forEach(function (l) {
        var a = document.createElement("a"); a.textContent = l.label;
        a.href = "/store/" + store + "/apps/" + key + l.href.replace(/^\/app/, "");
        nav.appendChild(a);
      });
      reply(true);
    }
  });
})();
</script>`))
}
