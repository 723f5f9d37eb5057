<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Merchant Desk</source>
        <translation>关于商户工作台</translation>
    </message>
    <message>
        <source>&lt;b&gt;Merchant Desk&lt;/b&gt; — a back office for WooshPay merchants</source>
        <translation>&lt;b&gt;商户工作台&lt;/b&gt; — WooshPay 商户的后台管理工具</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
</context>
<context>
    <name>AccountList</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Use this account</source>
        <translation>使用此账户</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Sandbox (built-in, no real money)</source>
        <translation>沙盒（内置，不涉及真实资金）</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>（使用中）</translation>
    </message>
</context>
<context>
    <name>ApiChecksView</name>
    <message>
        <source>API checks</source>
        <translation>API 检查</translation>
    </message>
    <message>
        <source>Errors arrive in WooshPay&apos;s error format</source>
        <translation>错误以 WooshPay 的错误格式返回</translation>
    </message>
    <message>
        <source>A refused request is answered with a 4xx status</source>
        <translation>被拒绝的请求以 4xx 状态码应答</translation>
    </message>
    <message>
        <source>Repeated requests are recognised by the key they carry</source>
        <translation>重复的请求可通过其携带的请求键识别</translation>
    </message>
    <message>
        <source>Idempotency keys are remembered for 24 hours</source>
        <translation>幂等键会保留 24 小时</translation>
    </message>
    <message>
        <source>Refunds can be listed</source>
        <translation>可以列出退款</translation>
    </message>
    <message>
        <source>Events can be listed</source>
        <translation>可以列出事件</translation>
    </message>
    <message>
        <source>List filters are read from the address</source>
        <translation>列表筛选条件从请求地址中读取</translation>
    </message>
    <message>
        <source>Date filters use milliseconds</source>
        <translation>日期筛选使用毫秒</translation>
    </message>
    <message>
        <source>Payments can be searched by order number</source>
        <translation>可以按订单号搜索付款</translation>
    </message>
    <message>
        <source>A webhook endpoint can receive all events (&quot;*&quot;)</source>
        <translation>一个 Webhook 端点可以接收所有事件（&quot;*&quot;）</translation>
    </message>
    <message>
        <source>Webhook signatures are valid for 5 minutes</source>
        <translation>Webhook 签名在 5 分钟内有效</translation>
    </message>
    <message>
        <source>IDR amounts have no decimals</source>
        <translation>IDR 金额没有小数</translation>
    </message>
    <message>
        <source>Alipay+ accepts the mobile browser terminal (WAP)</source>
        <translation>Alipay+ 接受手机浏览器终端（WAP）</translation>
    </message>
    <message>
        <source>Answers carry a request id for support</source>
        <translation>应答附带供客服查询的请求编号</translation>
    </message>
    <message>
        <source>✓ Confirmed</source>
        <translation>✓ 已确认</translation>
    </message>
    <message>
        <source>✗ Not as assumed</source>
        <translation>✗ 与假设不符</translation>
    </message>
    <message>
        <source>– Cannot tell</source>
        <translation>– 无法判断</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>What this server confirms of the app&apos;s assumptions about the WooshPay API (%1 confirmed, %2 not as assumed, %3 cannot tell):</source>
        <translation>此服务器对本应用关于 WooshPay API 的假设的确认情况（%1 项已确认，%2 项与假设不符，%3 项无法判断）：</translation>
    </message>
    <message>
        <source>The API checks could not be completed.</source>
        <translation>API 检查未能完成。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The key of “%1” could not be read: %2 Running the sandbox.</source>
        <translation>无法读取“%1”的密钥：%2 现在运行沙盒。</translation>
    </message>
    <message>
        <source>No key is stored for “%1”. Running the sandbox.</source>
        <translation>“%1”没有已存储的密钥。现在运行沙盒。</translation>
    </message>
</context>
<context>
    <name>AuditFilters</name>
    <message>
        <source>Filter by till</source>
        <translation>按收银台筛选</translation>
    </message>
    <message>
        <source>Filter by person</source>
        <translation>按人员筛选</translation>
    </message>
    <message>
        <source>Filter by action</source>
        <translation>按操作筛选</translation>
    </message>
    <message>
        <source>Till:</source>
        <translation>收银台：</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh the audit log</source>
        <translation>刷新审计日志</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the audit log as CSV</source>
        <translation>将审计日志导出为 CSV</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>%1 entries, newest first</source>
        <translation>共 %1 条，最新的在前</translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 entries to %2</source>
        <translation>已将 %1 条记录导出到 %2</translation>
    </message>
</context>
<context>
    <name>ChargeRequests</name>
    <message>
        <source>Another program asks for %1 for order %2: check it and press Create payment.</source>
        <translation>另一个程序请求为订单 %2 收款 %1：请核对后按“创建收款”。</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Enter the address the customer returns to.</source>
        <translation>请输入顾客返回的地址。</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>这不是有效的 URL。</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address.</source>
        <translation>请使用 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Give the item a name.</source>
        <translation>请填写商品名称。</translation>
    </message>
    <message>
        <source>Enter the unit price.</source>
        <translation>请输入单价。</translation>
    </message>
    <message>
        <source>The unit price must be more than zero.</source>
        <translation>单价必须大于零。</translation>
    </message>
    <message>
        <source>The quantity must be a whole number.</source>
        <translation>数量必须是整数。</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and %1.</source>
        <translation>数量必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>No answer from WooshPay (%1). Press Create again to retry the same request; it will not make a second session.</source>
        <translation>WooshPay 未响应（%1）。请再次点击“创建”重试同一请求，不会重复创建会话。</translation>
    </message>
    <message>
        <source>Could not expire the session: %1</source>
        <translation>无法使会话过期：%1</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Wrong key: the server refused it (401). Check that you copied the whole secret key.</source>
        <translation>密钥错误：服务器拒绝了该密钥（401）。请确认复制了完整的私钥。</translation>
    </message>
    <message>
        <source>This key is not allowed to read payments (403).</source>
        <translation>此密钥无权读取收款记录（403）。</translation>
    </message>
    <message>
        <source>A live key needs an https:// base URL.</source>
        <translation>正式密钥必须使用 https:// 地址。</translation>
    </message>
    <message>
        <source>TLS failure: the server&apos;s certificate could not be verified. Check the base URL and the computer&apos;s clock.</source>
        <translation>TLS 错误：无法验证服务器证书。请检查接口地址和电脑时间。</translation>
    </message>
    <message>
        <source>Timed out: the server did not answer in time.</source>
        <translation>超时：服务器未及时响应。</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>No network: could not reach %1.</source>
        <translation>无网络：无法连接 %1。</translation>
    </message>
    <message>
        <source>The server at %1 does not answer like the WooshPay API. Check the base URL.</source>
        <translation>%1 的响应不像 WooshPay API。请检查接口地址。</translation>
    </message>
    <message>
        <source>The server has a problem right now. Try again later.</source>
        <translation>服务器暂时出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>服务器拒绝了请求：%1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>OK — sandbox account (no real money)</source>
        <translation>正常 — 沙盒账户（不涉及真实资金）</translation>
    </message>
    <message>
        <source>OK — live mode account</source>
        <translation>正常 — 正式模式账户</translation>
    </message>
    <message>
        <source>OK — test mode account</source>
        <translation>正常 — 测试模式账户</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Wrong key</source>
        <translation>密钥错误</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>服务器故障</translation>
    </message>
</context>
<context>
    <name>CsvExportDialog</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Scan to pay</source>
        <translation>扫码付款</translation>
    </message>
</context>
<context>
    <name>DailyBarChart</name>
    <message>
        <source>Gross and refunds per day</source>
        <translation>每日总收款与退款</translation>
    </message>
    <message>
        <source>%1: %2 gross over %3 days</source>
        <translation>%1：%3 天内总收款 %2</translation>
    </message>
    <message>
        <source>%1
Gross %2
Refunded %3</source>
        <translation>%1
总收款 %2
已退款 %3</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>总收款</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>No payments in these 30 days</source>
        <translation>这 30 天内没有收款</translation>
    </message>
</context>
<context>
    <name>DecisionBanner</name>
    <message>
        <source>Decide…</source>
        <translation>决定…</translation>
    </message>
    <message>
        <source>Decide what to do with requests that need a decision</source>
        <translation>决定如何处理需要您决定的请求</translation>
    </message>
    <message>
        <source>%1 old request(s) were not sent again because their outcome is unknown: they need your decision.</source>
        <translation>%1 个旧请求结果不明，因此没有再次发送：需要您来决定。</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>A request needs your decision</source>
        <translation>有请求需要您决定</translation>
    </message>
    <message>
        <source>It was made: mark as done</source>
        <translation>已经完成：标记为完成</translation>
    </message>
    <message>
        <source>Record it as made. Nothing is sent.</source>
        <translation>记录为已完成。不会发送任何请求。</translation>
    </message>
    <message>
        <source>It was not made: send again as a new request</source>
        <translation>没有完成：作为新请求再次发送</translation>
    </message>
    <message>
        <source>Send the same request again with a new key. If it had been made, it is made twice.</source>
        <translation>用新的幂等键再次发送同样的请求。如果它其实已完成，就会重复一次。</translation>
    </message>
    <message>
        <source>Drop it: send nothing</source>
        <translation>放弃：不发送</translation>
    </message>
    <message>
        <source>Stop trying. Nothing is sent; the request stays in the audit log.</source>
        <translation>不再尝试。不会发送任何请求；该请求保留在审计日志中。</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <source>%1 requests need your decision. The oldest:</source>
        <translation>%1 个请求需要您决定。最早的一个：</translation>
    </message>
    <message>
        <source>This request needs your decision:</source>
        <translation>此请求需要您决定：</translation>
    </message>
    <message>
        <source>A refund of %1 of payment %2 was requested on %3, and its answer never came.</source>
        <translation>%3 对付款 %2 发起了 %1 的退款，但一直没有收到答复。</translation>
    </message>
    <message>
        <source>A request (%1) was sent on %2, and its answer never came.</source>
        <translation>%2 发送了一个请求（%1），但一直没有收到答复。</translation>
    </message>
    <message>
        <source>More than a day has passed, so WooshPay may have forgotten it: sending it again could make it twice. It was not sent again.</source>
        <translation>已经超过一天，WooshPay 可能已不再记得它：再次发送可能会重复执行。因此没有再次发送。</translation>
    </message>
    <message>
        <source>Refunded of this payment when it was requested (as recorded here): %1</source>
        <translation>发起请求时此付款的已退款金额（本应用的记录）：%1</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Refunded now (as WooshPay reports it, %1): %2</source>
        <translation>目前的已退款金额（WooshPay 的报告，%1）：%2</translation>
    </message>
    <message>
        <source>WooshPay could not be asked</source>
        <translation>无法向 WooshPay 查询</translation>
    </message>
    <message>
        <source>A refund of the same amount exists that this app cannot tell apart: %1</source>
        <translation>存在一笔金额相同、本应用无法区分的退款：%1</translation>
    </message>
    <message>
        <source>The check failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <source>Look it up in WooshPay&apos;s dashboard, then choose.</source>
        <translation>请在 WooshPay 控制台中核实，然后选择。</translation>
    </message>
    <message>
        <source>cancel a payment</source>
        <translation>取消一笔付款</translation>
    </message>
    <message>
        <source>create a payment</source>
        <translation>创建一笔付款</translation>
    </message>
    <message>
        <source>expire a checkout session</source>
        <translation>使一个收银台会话过期</translation>
    </message>
    <message>
        <source>create a checkout session</source>
        <translation>创建一个收银台会话</translation>
    </message>
    <message>
        <source>register a webhook endpoint</source>
        <translation>注册一个 Webhook 端点</translation>
    </message>
    <message>
        <source>change something on the account</source>
        <translation>修改账户上的内容</translation>
    </message>
    <message>
        <source>This request was decided elsewhere meanwhile.</source>
        <translation>此请求已在别处处理。</translation>
    </message>
    <message>
        <source>Sent: WooshPay made it. It will be recorded in the ledger as soon as the ledger can be written.</source>
        <translation>已发送：WooshPay 已执行。账本可写入后会立即记录。</translation>
    </message>
    <message>
        <source>Sent, but no answer came: %1. It is retried with the same key, so it is not made twice.</source>
        <translation>已发送，但没有收到答复：%1。会用同一幂等键重试，不会重复执行。</translation>
    </message>
    <message>
        <source>WooshPay refused it: %1</source>
        <translation>WooshPay 拒绝了该请求：%1</translation>
    </message>
    <message>
        <source>The decision could not be recorded: %1</source>
        <translation>无法记录您的决定：%1</translation>
    </message>
</context>
<context>
    <name>DecisionNotice</name>
    <message>
        <source>Requests need your decision</source>
        <translation>有请求需要您决定</translation>
    </message>
    <message>
        <source>%1 request(s) sent more than a day ago never got an answer. They were not sent again, because WooshPay may have forgotten them and could make them twice.</source>
        <translation>%1 个一天前发送的请求一直没有收到答复。它们没有被再次发送，因为 WooshPay 可能已不再记得它们，再次发送可能会重复执行。</translation>
    </message>
    <message>
        <source>Decide now, or later from the Refunds page.</source>
        <translation>现在决定，或稍后在“退款”页面中决定。</translation>
    </message>
    <message>
        <source>Decide now…</source>
        <translation>现在决定…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>EndpointForm</name>
    <message>
        <source>New endpoint</source>
        <translation>新建端点</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>端点 URL</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Endpoint description</source>
        <translation>端点描述</translation>
    </message>
    <message>
        <source>Optional, e.g. Order system</source>
        <translation>可选，例如：订单系统</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Events to send</source>
        <translation>要发送的事件</translation>
    </message>
    <message>
        <source>Every event type, including ones added later</source>
        <translation>所有事件类型，包括以后新增的类型</translation>
    </message>
    <message>
        <source>&amp;Events:</source>
        <translation>事件(&amp;E)：</translation>
    </message>
    <message>
        <source>API version of the events</source>
        <translation>事件的 API 版本</translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation>API 版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Create endpoint</source>
        <translation>创建端点</translation>
    </message>
    <message>
        <source>Create webhook endpoint</source>
        <translation>创建 Webhook 端点</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the signing secret</source>
        <translation>复制签名密钥</translation>
    </message>
    <message>
        <source>I have stored it</source>
        <translation>我已保存</translation>
    </message>
    <message>
        <source>Hide the signing secret</source>
        <translation>隐藏签名密钥</translation>
    </message>
    <message>
        <source>Choose at least one event to send.</source>
        <translation>请至少选择一个要发送的事件。</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <source>Endpoint %1 was created, but WooshPay did not return its signing secret.</source>
        <translation>端点 %1 已创建，但 WooshPay 未返回其签名密钥。</translation>
    </message>
    <message>
        <source>Endpoint %1 was created. Its signing secret is shown only this once: copy it now and store it with your webhook receiver. It cannot be shown again.</source>
        <translation>端点 %1 已创建。其签名密钥仅显示这一次：请立即复制，并与您的 Webhook 接收程序一起保存。之后将无法再次显示。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Events and received webhooks</source>
        <translation>事件与已接收的 Webhook</translation>
    </message>
    <message>
        <source>Filter by event type</source>
        <translation>按事件类型筛选</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh events</source>
        <translation>刷新事件</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>事件 ID</translation>
    </message>
    <message>
        <source>Raw JSON of the selected event</source>
        <translation>所选事件的原始 JSON</translation>
    </message>
    <message>
        <source>Select an event to see its raw JSON.</source>
        <translation>选择一个事件以查看其原始 JSON。</translation>
    </message>
    <message>
        <source>Load older events</source>
        <translation>加载更早的事件</translation>
    </message>
    <message>
        <source>Webhooks the local inspector received (start it on the Webhooks page). Verified means the Wooshpay-Signature matched a known signing secret.</source>
        <translation>本地检查器接收到的 Webhook（请在 Webhook 页面启动检查器）。“已验证”表示 Wooshpay-Signature 与某个已知签名密钥匹配。</translation>
    </message>
    <message>
        <source>The local webhook inspector is available with the sandbox account only.</source>
        <translation>本地 Webhook 检查器仅适用于沙盒账户。</translation>
    </message>
    <message>
        <source>Received webhooks</source>
        <translation>已接收的 Webhook</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Headers and body of the selected webhook</source>
        <translation>所选 Webhook 的请求头和正文</translation>
    </message>
    <message>
        <source>Could not load events: %1</source>
        <translation>无法加载事件：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ 已验证</translation>
    </message>
    <message>
        <source>✗ Unverified</source>
        <translation>✗ 未验证</translation>
    </message>
    <message>
        <source>Received webhooks (%1)</source>
        <translation>已接收的 Webhook（%1）</translation>
    </message>
    <message>
        <source>Verified with the secret of %1</source>
        <translation>已使用 %1 的签名密钥验证</translation>
    </message>
    <message>
        <source>NOT verified: %1</source>
        <translation>未通过验证：%1</translation>
    </message>
</context>
<context>
    <name>InspectorBox</name>
    <message>
        <source>Local webhook inspector (sandbox)</source>
        <translation>本地 Webhook 检查器（沙盒）</translation>
    </message>
    <message>
        <source>Receives the sandbox&apos;s webhooks on this computer and checks their signatures. Starting it registers an endpoint for all events; the Events page lists what arrives.</source>
        <translation>在本机接收沙盒的 Webhook 并校验其签名。启动后会注册一个订阅所有事件的端点；收到的内容会列在“事件”页面。</translation>
    </message>
    <message>
        <source>Start or stop the webhook inspector</source>
        <translation>启动或停止 Webhook 检查器</translation>
    </message>
    <message>
        <source>Listening at %1 — %2 received, %3 verified</source>
        <translation>正在 %1 监听 — 已接收 %2 个，已验证 %3 个</translation>
    </message>
    <message>
        <source>Stop inspector</source>
        <translation>停止检查器</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>未运行。</translation>
    </message>
    <message>
        <source>Start inspector</source>
        <translation>启动检查器</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Takes effect the next time Merchant Desk starts.</source>
        <translation>下次启动 Merchant Desk 时生效。</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>界面语言(&amp;I)：</translation>
    </message>
</context>
<context>
    <name>LedgerProblemDialog</name>
    <message>
        <source>Merchant Desk cannot open its ledger</source>
        <translation>Merchant Desk 无法打开账本</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Move the damaged file aside and start a new ledger</source>
        <translation>移开损坏的文件并新建账本</translation>
    </message>
    <message>
        <source>The damaged file is kept, renamed, in the same folder: %1</source>
        <translation>损坏的文件会改名后保留在同一文件夹中：%1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>The ledger file %1 is damaged and cannot be read. It holds the record of every request this app sent, so the app does not replace it on its own. You can move it aside (it is kept, renamed) and start a new, empty ledger, or quit and restore it from a backup.</source>
        <translation>账本文件 %1 已损坏，无法读取。它记录了本应用发送过的每个请求，因此应用不会自行替换它。您可以将它移开（改名后保留）并新建一个空账本，或退出后从备份中恢复。</translation>
    </message>
    <message>
        <source>The ledger %1 is in use by another program, probably another Merchant Desk. Close that one, then try again.</source>
        <translation>账本 %1 正被另一个程序使用，可能是另一个 Merchant Desk。请关闭它，然后重试。</translation>
    </message>
    <message>
        <source>The ledger cannot be written: the folder %1 is read-only, or this user may not write there. Make it writable, then try again.</source>
        <translation>无法写入账本：文件夹 %1 是只读的，或当前用户无权写入。请使其可写，然后重试。</translation>
    </message>
    <message>
        <source>The ledger %1 was written by a newer version of Merchant Desk. Install that version, then try again.</source>
        <translation>账本 %1 由更新版本的 Merchant Desk 写入。请安装该版本，然后重试。</translation>
    </message>
    <message>
        <source>The ledger %1 could not be opened.</source>
        <translation>无法打开账本 %1。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Merchant Desk</source>
        <translation>商户工作台</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation>正在启动沙盒…</translation>
    </message>
    <message>
        <source>Opening the account…</source>
        <translation>正在打开账户…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New payment</source>
        <translation>新建收款(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find payment</source>
        <translation>查找付款(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Merchant Desk</source>
        <translation>关于商户工作台(&amp;A)</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>SANDBOX — no real money</source>
        <translation>沙盒 — 不涉及真实资金</translation>
    </message>
    <message>
        <source>Phones on this network open cashier pages at %1</source>
        <translation>同一网络中的手机可在 %1 打开收银页面</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>正式</translation>
    </message>
    <message>
        <source>Merchant Desk — %1 (%2)</source>
        <translation>商户工作台 — %1（%2）</translation>
    </message>
    <message>
        <source>Refund %1 of %2 sent (%3).</source>
        <translation>退款 %1（%2）已提交（%3）。</translation>
    </message>
    <message>
        <source>Switching accounts is not available here.</source>
        <translation>此处无法切换账户。</translation>
    </message>
    <message>
        <source>Could not switch: %1</source>
        <translation>无法切换：%1</translation>
    </message>
</context>
<context>
    <name>MetadataRow</name>
    <message>
        <source>Metadata key %1</source>
        <translation>元数据键 %1</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Metadata value %1</source>
        <translation>元数据值 %1</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove metadata row %1</source>
        <translation>删除第 %1 行元数据</translation>
    </message>
</context>
<context>
    <name>ModeBadge</name>
    <message>
        <source>Account mode</source>
        <translation>账户模式</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation>正式</translation>
    </message>
    <message>
        <source>Built-in sandbox: nothing here is real money.</source>
        <translation>内置沙盒：这里的一切都不是真实资金。</translation>
    </message>
    <message>
        <source>WooshPay test mode: no real money moves.</source>
        <translation>WooshPay 测试模式：不会发生真实资金往来。</translation>
    </message>
    <message>
        <source>Live mode: payments and refunds move real money.</source>
        <translation>正式模式：收款和退款会动用真实资金。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh the overview</source>
        <translation>刷新概览</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <source>Currency of the chart</source>
        <translation>图表币种</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Latest payments</source>
        <translation>最近收款</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>总收款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Could not update: %1</source>
        <translation>无法更新：%1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>已更新 %1</translation>
    </message>
    <message>
        <source>The balance could not be read from the server just now.</source>
        <translation>暂时无法从服务器读取余额。</translation>
    </message>
    <message>
        <source>This server does not report a balance.</source>
        <translation>此服务器不提供余额。</translation>
    </message>
    <message>
        <source>The balance is empty.</source>
        <translation>余额为空。</translation>
    </message>
    <message>
        <source>%1: available %2, pending %3</source>
        <translation>%1：可用 %2，待结算 %3</translation>
    </message>
</context>
<context>
    <name>PaymentDetail</name>
    <message>
        <source>Select a payment to see its details.</source>
        <translation>选择一笔付款以查看详情。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Minor units</source>
        <translation>最小货币单位</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>Cashier URL</source>
        <translation>收银台 URL</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>可退款</translation>
    </message>
    <message>
        <source>Refunds of this payment</source>
        <translation>此付款的退款</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Raw JSON of the payment</source>
        <translation>付款的原始 JSON</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Refund the selected payment</source>
        <translation>对所选付款退款</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Reload the payment&apos;s details</source>
        <translation>重新加载付款详情</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>This server has no refunds list: the refunds shown are the ones made from this app.</source>
        <translation>此服务器没有退款列表：显示的是从本应用发起的退款。</translation>
    </message>
    <message>
        <source>Select a payment first.</source>
        <translation>请先选择一笔付款。</translation>
    </message>
    <message>
        <source>Only paid (succeeded) payments can be refunded; this one is %1.</source>
        <translation>只有已付款（已成功）的付款才能退款；此付款的状态为 %1。</translation>
    </message>
    <message>
        <source>This payment has been refunded in full.</source>
        <translation>此付款已全额退款。</translation>
    </message>
    <message>
        <source>Refund all or part of this payment.</source>
        <translation>对此付款进行全额或部分退款。</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>Enter the address the customer returns to after paying.</source>
        <translation>请输入顾客付款后返回的地址。</translation>
    </message>
    <message>
        <source>The address cannot contain spaces.</source>
        <translation>地址不能包含空格。</translation>
    </message>
    <message>
        <source>Enter a full web address starting with https://</source>
        <translation>请输入以 https:// 开头的完整网址</translation>
    </message>
    <message>
        <source>A metadata value needs a key.</source>
        <translation>元数据值需要对应的键。</translation>
    </message>
    <message>
        <source>Keys can be at most %1 characters.</source>
        <translation>键最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Keys cannot contain square brackets.</source>
        <translation>键不能包含方括号。</translation>
    </message>
    <message>
        <source>Keys cannot start or end with spaces.</source>
        <translation>键的开头和结尾不能有空格。</translation>
    </message>
    <message>
        <source>This key is already used.</source>
        <translation>此键已被使用。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Alipay+ wallets are offered in CNY, HKD, GBP, IDR, MYR, PHP and THB.</source>
        <translation>Alipay+ 钱包支持 CNY、HKD、GBP、IDR、MYR、PHP 和 THB。</translation>
    </message>
    <message>
        <source>Terminal type</source>
        <translation>终端类型</translation>
    </message>
    <message>
        <source>Desktop page with a QR code</source>
        <translation>电脑网页（显示二维码）</translation>
    </message>
    <message>
        <source>Mobile browser (unconfirmed)</source>
        <translation>手机浏览器（未确认）</translation>
    </message>
    <message>
        <source>In-app redirect</source>
        <translation>应用内跳转</translation>
    </message>
    <message>
        <source>A desktop page shows a QR code for the customer to scan: the only kind WooshPay documents for Alipay+ (terminal type WEB). The in-app redirect (APP) is documented for WooshPay&apos;s Alipay method; the mobile browser (WAP) is not confirmed by WooshPay.</source>
        <translation>电脑网页会显示二维码供顾客扫描，这是 WooshPay 为 Alipay+ 文档中唯一注明的方式。应用内跳转在 WooshPay 的支付宝支付方式文档中有说明；手机浏览器方式尚未得到 WooshPay 确认。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Merchant order ID</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <source>Return URL</source>
        <translation>返回 URL</translation>
    </message>
    <message>
        <source>Add metadata</source>
        <translation>添加元数据</translation>
    </message>
    <message>
        <source>Add a metadata row</source>
        <translation>添加一行元数据</translation>
    </message>
    <message>
        <source>Create payment</source>
        <translation>创建收款</translation>
    </message>
    <message>
        <source>Creating the payment</source>
        <translation>正在创建收款</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Terminal</source>
        <translation>终端(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Order ID</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Return URL</source>
        <translation>返回 URL(&amp;R)</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
</context>
<context>
    <name>PaymentResult</name>
    <message>
        <source>Cashier URL</source>
        <translation>收银台 URL</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>复制 URL</translation>
    </message>
    <message>
        <source>Copy the cashier URL</source>
        <translation>复制收银台 URL</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Open the cashier URL in a browser</source>
        <translation>在浏览器中打开收银台 URL</translation>
    </message>
    <message>
        <source>Save PNG/SVG…</source>
        <translation>保存为 PNG/SVG…</translation>
    </message>
    <message>
        <source>Save the QR code as PNG or SVG</source>
        <translation>将二维码保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print the QR code</source>
        <translation>打印二维码</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Show the amount and QR code full screen for the customer</source>
        <translation>向顾客全屏显示金额和二维码</translation>
    </message>
    <message>
        <source>Cancel payment…</source>
        <translation>取消付款…</translation>
    </message>
    <message>
        <source>Cancel this payment</source>
        <translation>取消此付款</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>WooshPay returned no cashier URL for this payment.</source>
        <translation>WooshPay 未返回此付款的收银台 URL。</translation>
    </message>
    <message>
        <source>Refunded %1 of %2.</source>
        <translation>已退款 %1（共 %2）。</translation>
    </message>
    <message>
        <source>Only a payment that is not finished can be canceled.</source>
        <translation>只能取消尚未完成的付款。</translation>
    </message>
    <message>
        <source>Cashier URL copied.</source>
        <translation>已复制收银台 URL。</translation>
    </message>
    <message>
        <source>No browser could open the URL.</source>
        <translation>没有可打开该 URL 的浏览器。</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>保存二维码</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save the QR code: %1</source>
        <translation>无法保存二维码：%1</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>取消付款</translation>
    </message>
    <message>
        <source>Why is this payment canceled? (sent to WooshPay)</source>
        <translation>为什么取消此付款？（将发送给 WooshPay）</translation>
    </message>
    <message>
        <source>Keep payment</source>
        <translation>保留付款</translation>
    </message>
</context>
<context>
    <name>PaymentStatusView</name>
    <message>
        <source>Payment status</source>
        <translation>付款状态</translation>
    </message>
    <message>
        <source>No payment yet</source>
        <translation>尚无付款</translation>
    </message>
    <message>
        <source>Enter an amount and press Create.</source>
        <translation>请输入金额并点击“创建”。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>The customer has paid.</source>
        <translation>顾客已付款。</translation>
    </message>
    <message>
        <source>The wallet declined the payment.</source>
        <translation>钱包拒绝了此付款。</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>付款失败</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Waiting for the customer</source>
        <translation>等待顾客操作</translation>
    </message>
    <message>
        <source>Ask the customer to scan the code.</source>
        <translation>请让顾客扫描二维码。</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>The wallet is confirming the payment.</source>
        <translation>钱包正在确认付款。</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>已授权</translation>
    </message>
    <message>
        <source>The payment is authorized and waits for capture.</source>
        <translation>付款已授权，等待扣款。</translation>
    </message>
</context>
<context>
    <name>PaymentsList</name>
    <message>
        <source>Search by merchant order ID</source>
        <translation>按商户订单号搜索</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the payments list</source>
        <translation>重新加载收款列表</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>退款(&amp;R)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) shown</source>
        <translation>
            <numerusform>显示 %n 笔付款</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load payments: %1</source>
        <translation>无法加载收款记录：%1</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>%1 minor units</source>
        <translation>%1 个最小货币单位</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>New payment</source>
        <translation>新建收款</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Creating payment…</source>
        <translation>正在创建收款…</translation>
    </message>
    <message>
        <source>WooshPay did not answer (%1). Press Create again to retry the same payment safely.</source>
        <translation>WooshPay 未响应（%1）。请再次点击“创建”，可安全地重试同一笔收款。</translation>
    </message>
    <message>
        <source>The payment was not created: %1</source>
        <translation>未能创建收款：%1</translation>
    </message>
    <message>
        <source>Stopped watching the payment: %1</source>
        <translation>已停止跟踪此付款：%1</translation>
    </message>
    <message>
        <source>Not cancelled: a manager&apos;s approval is needed.</source>
        <translation>未取消：需要经理批准。</translation>
    </message>
    <message>
        <source>Not cancelled: a refund or cancel of this payment is in progress at %1.</source>
        <translation>未取消：%1 正在对此付款进行退款或取消。</translation>
    </message>
    <message>
        <source>another till</source>
        <translation>另一台收银台</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>无法取消：%1</translation>
    </message>
</context>
<context>
    <name>PeopleSection</name>
    <message>
        <source>People and approvals</source>
        <translation>人员与审批</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>4 to 12 digits; empty keeps the PIN</source>
        <translation>4 到 12 位数字；留空则保留原 PIN 码</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <source>Save person</source>
        <translation>保存人员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Refunds need a manager</source>
        <translation>退款需要经理</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <source>Above an amount</source>
        <translation>超过某金额时</translation>
    </message>
    <message>
        <source>Refund amount above which a manager is needed</source>
        <translation>超过此退款金额需要经理</translation>
    </message>
    <message>
        <source>Currency of that amount</source>
        <translation>该金额的币种</translation>
    </message>
    <message>
        <source>Cancelling a payment needs a manager</source>
        <translation>取消付款需要经理</translation>
    </message>
    <message>
        <source>Changing webhook endpoints needs a manager</source>
        <translation>更改 Webhook 端点需要经理</translation>
    </message>
    <message>
        <source>Changing settings needs a manager</source>
        <translation>更改设置需要经理</translation>
    </message>
    <message>
        <source>Wrong PINs before a name is locked</source>
        <translation>锁定前允许的错误 PIN 次数</translation>
    </message>
    <message>
        <source>Lock the till after idle minutes (0: never)</source>
        <translation>空闲多少分钟后锁定收银台（0：从不）</translation>
    </message>
    <message>
        <source>Refunds need a manager:</source>
        <translation>退款需要经理：</translation>
    </message>
    <message>
        <source>Above:</source>
        <translation>超过：</translation>
    </message>
    <message>
        <source>Wrong PINs before locking:</source>
        <translation>锁定前的错误 PIN 次数：</translation>
    </message>
    <message>
        <source>Lock after idle minutes:</source>
        <translation>空闲锁定分钟数：</translation>
    </message>
    <message>
        <source>Save approvals</source>
        <translation>保存审批设置</translation>
    </message>
    <message>
        <source>Could not read the shop&apos;s people: %1</source>
        <translation>无法读取店铺人员：%1</translation>
    </message>
    <message>
        <source>Not saved: a manager&apos;s approval is needed.</source>
        <translation>未保存：需要经理批准。</translation>
    </message>
    <message>
        <source>Type a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>姓名太长。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>PIN 码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The first person of a shop is its manager: choose Manager.</source>
        <translation>店铺的第一位人员必须是经理：请选择“经理”。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>A shop with people needs a manager: make someone else a manager first.</source>
        <translation>有人员的店铺需要一位经理：请先将其他人设为经理。</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <source>Type an amount, like 100.00</source>
        <translation>请输入金额，例如 100.00</translation>
    </message>
    <message>
        <source>Approvals saved.</source>
        <translation>审批设置已保存。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in at %1 with your name and PIN.</source>
        <translation>请用姓名和 PIN 码登录 %1。</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>经理批准</translation>
    </message>
    <message>
        <source>%1 needs a manager&apos;s PIN.</source>
        <translation>%1需要经理的 PIN 码。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>经理(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>This refund</source>
        <translation>此退款</translation>
    </message>
    <message>
        <source>Cancelling a payment</source>
        <translation>取消付款</translation>
    </message>
    <message>
        <source>Changing webhook endpoints</source>
        <translation>更改 Webhook 端点</translation>
    </message>
    <message>
        <source>Changing settings</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>This action</source>
        <translation>此操作</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before the name is locked.</source>
        <translation>
            <numerusform>PIN 码错误。再错 %n 次将锁定该姓名。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until %1. A manager can set a new PIN.</source>
        <translation>错误 PIN 码次数过多：锁定至 %1。经理可以设置新的 PIN 码。</translation>
    </message>
    <message>
        <source>Only a manager can approve this.</source>
        <translation>只有经理可以批准此操作。</translation>
    </message>
    <message>
        <source>Nobody of that name works at this shop.</source>
        <translation>本店没有此姓名的人员。</translation>
    </message>
    <message>
        <source>Choose a name and type the PIN.</source>
        <translation>请选择姓名并输入 PIN 码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>The PIN could not be checked: %1</source>
        <translation>无法核对 PIN 码：%1</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Account details</source>
        <translation>账户详情</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>sk_test_… or sk_live_…</source>
        <translation>sk_test_… 或 sk_live_…</translation>
    </message>
    <message>
        <source>Publishable key</source>
        <translation>公钥</translation>
    </message>
    <message>
        <source>pk_test_… or pk_live_… (optional)</source>
        <translation>pk_test_… 或 pk_live_…（可选）</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>请为账户命名。</translation>
    </message>
    <message>
        <source>Enter the secret key (it starts with sk_test_ or sk_live_).</source>
        <translation>请输入私钥（以 sk_test_ 或 sk_live_ 开头）。</translation>
    </message>
    <message>
        <source>This is a %1 key but the secret key is a %2 key: both must be test keys or both live.</source>
        <translation>这是 %1 密钥，但私钥是 %2 密钥：两者必须同为测试密钥或同为正式密钥。</translation>
    </message>
    <message>
        <source>Enter a full address such as https://apitest.wooshpay.com.</source>
        <translation>请输入完整地址，例如 https://apitest.wooshpay.com。</translation>
    </message>
    <message>
        <source>A live key only talks to an https:// address.</source>
        <translation>正式密钥只能连接 https:// 地址。</translation>
    </message>
    <message>
        <source>Keys cannot be stored: %1 Keys are never written anywhere else; the sandbox keeps working.</source>
        <translation>无法存储密钥：%1 密钥绝不会写到其他地方；沙盒仍可使用。</translation>
    </message>
</context>
<context>
    <name>QrView</name>
    <message>
        <source>Payment QR code</source>
        <translation>付款二维码</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund payment</source>
        <translation>发起退款</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close without refunding</source>
        <translation>关闭，不退款</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>决定…</translation>
    </message>
    <message>
        <source>Decide what to do with the unanswered refund</source>
        <translation>决定如何处理未获答复的退款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Confirm refund</source>
        <translation>确认退款</translation>
    </message>
    <message>
        <source>Could not load this payment&apos;s refunds: %1</source>
        <translation>无法加载此付款的退款记录：%1</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <source>Sending the refund…</source>
        <translation>正在提交退款…</translation>
    </message>
    <message>
        <source>Not refunded: this refund needs a manager&apos;s approval.</source>
        <translation>未退款：此退款需要经理批准。</translation>
    </message>
    <message>
        <source>WooshPay refused the refund: %1</source>
        <translation>WooshPay 拒绝了退款：%1</translation>
    </message>
    <message>
        <source>The refund failed: %1</source>
        <translation>退款失败：%1</translation>
    </message>
    <message>
        <source>Refunded %1.</source>
        <translation>已退款 %1。</translation>
    </message>
    <message>
        <source>Wait for WooshPay&apos;s answer to the refund.</source>
        <translation>请等待 WooshPay 对此退款的答复。</translation>
    </message>
    <message>
        <source>Sending the refund… wait for the answer before closing.</source>
        <translation>正在发送退款……请等收到答复后再关闭。</translation>
    </message>
</context>
<context>
    <name>RefundFacts</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>付款：</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>已付金额：</translation>
    </message>
    <message>
        <source>Already refunded:</source>
        <translation>已退款：</translation>
    </message>
    <message>
        <source>Left to refund:</source>
        <translation>剩余可退：</translation>
    </message>
    <message>
        <source>Earlier refunds:</source>
        <translation>此前的退款：</translation>
    </message>
    <message>
        <source>This server has no refunds list: shown are the refunds made from this app.</source>
        <translation>此服务器不提供退款列表：这里显示的是通过本应用发起的退款。</translation>
    </message>
    <message>
        <source>A refund of %1 is still unresolved; it is retried before a new refund is sent.</source>
        <translation>一笔 %1 的退款仍未确定结果；发起新退款前会先重试该笔。</translation>
    </message>
</context>
<context>
    <name>RefundForm</name>
    <message>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>要退款的金额</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A)：</translation>
    </message>
    <message>
        <source>Refund reason</source>
        <translation>退款原因</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Refund note</source>
        <translation>退款备注</translation>
    </message>
    <message>
        <source>Optional, kept with the refund</source>
        <translation>可选，随退款一起保存</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>RefundOutcome</name>
    <message>
        <source>A refund of this payment requested long ago never got an answer and needs your decision before another refund can be sent.</source>
        <translation>此付款很久以前发起的一笔退款一直没有答复，需要您先作出决定，才能再发起退款。</translation>
    </message>
    <message>
        <source>%1 allows one refund per payment: refund the whole remainder or one partial amount.</source>
        <translation>%1 每笔付款只允许退款一次：请退还全部剩余金额，或一次部分金额。</translation>
    </message>
    <message>
        <source>%1 allows one refund per payment, and this payment has already been refunded.</source>
        <translation>%1 每笔付款只允许退款一次，而此付款已经退过款。</translation>
    </message>
    <message>
        <source>The refund was sent: WooshPay made refund %1. This app could not write it to its ledger yet (%2); it will be recorded automatically. Do not refund it again.</source>
        <translation>退款已发送：WooshPay 已创建退款 %1。本应用暂时无法将其写入账本（%2）；稍后会自动记录。请勿再次退款。</translation>
    </message>
    <message>
        <source>This refund was requested more than a day ago and its answer never came. WooshPay may have forgotten it, so it was not sent again: decide what to do.</source>
        <translation>这笔退款在一天多以前发起，一直没有答复。WooshPay 可能已不再记得它，因此没有再次发送：请决定如何处理。</translation>
    </message>
    <message>
        <source>No answer from WooshPay: %1
The refund may or may not have been made. Retry sends the same request again and can never refund twice.</source>
        <translation>WooshPay 未响应：%1
退款可能已完成，也可能未完成。“重试”会再次发送同一请求，绝不会重复退款。</translation>
    </message>
</context>
<context>
    <name>RefundsModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <source>Refunds and audit log</source>
        <translation>退款与审计日志</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Filter by payment id</source>
        <translation>按付款 ID 筛选</translation>
    </message>
    <message>
        <source>Payment id (pi_…)</source>
        <translation>付款 ID（pi_…）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh refunds</source>
        <translation>刷新退款</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Retry unresolved requests</source>
        <translation>重试未确定结果的请求</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Open payment</source>
        <translation>打开付款</translation>
    </message>
    <message>
        <source>Open the payment of the selected refund</source>
        <translation>打开所选退款对应的付款</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the refunds of this filter as CSV</source>
        <translation>将当前筛选的退款导出为 CSV</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Filter by date: %1</source>
        <translation>按日期筛选：%1</translation>
    </message>
    <message>
        <source>This server has no refunds list: shown are the refunds made from this app, as recorded in its ledger.</source>
        <translation>此服务器不提供退款列表：这里显示的是通过本应用发起、并记录在其账本中的退款。</translation>
    </message>
    <message>
        <source>Could not load refunds: %1</source>
        <translation>无法加载退款：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 refunds shown; scroll for more</source>
        <translation>已显示 %1 笔退款；滚动以加载更多</translation>
    </message>
    <message>
        <source>%1 refunds</source>
        <translation>%1 笔退款</translation>
    </message>
    <message>
        <source>%1 request(s) sent without an answer (%2 of them refunds). Each is sent again as the very same request, so nothing is made twice.</source>
        <translation>%1 个请求已发送但未收到答复（其中 %2 个为退款）。每个请求都会以完全相同的请求再次发送，因此不会重复执行。</translation>
    </message>
    <message>
        <source>Still no answer: %1</source>
        <translation>仍未响应：%1</translation>
    </message>
    <message>
        <source>Copy refund id</source>
        <translation>复制退款 ID</translation>
    </message>
    <message>
        <source>Export refunds</source>
        <translation>导出退款</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported %1 refunds to %2</source>
        <translation>已将 %1 笔退款导出到 %2</translation>
    </message>
</context>
<context>
    <name>ReportDocument</name>
    <message>
        <source>End-of-day report %1</source>
        <translation>日结报表 %1</translation>
    </message>
    <message>
        <source>Time zone %1 · %2 payments · made %3</source>
        <translation>时区 %1 · %2 笔收款 · 生成于 %3</translation>
    </message>
    <message>
        <source>Totals per currency</source>
        <translation>按币种合计</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>总收款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>No payments and no refunds on this day.</source>
        <translation>当日没有收款和退款。</translation>
    </message>
    <message>
        <source>Per wallet</source>
        <translation>按钱包</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Per status</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Refunds made this day</source>
        <translation>当日退款</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
</context>
<context>
    <name>ReportLabels</name>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>No wallet</source>
        <translation>无钱包</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复付款</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Requested by customer</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Resolved dispute</source>
        <translation>争议已解决</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>End-of-day report</source>
        <translation>日结报表</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Day of the report</source>
        <translation>报表日期</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>Time zone of the day</source>
        <translation>报表时区</translation>
    </message>
    <message>
        <source>Make report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Progress of the report</source>
        <translation>报表进度</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>总收款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Refunded since</source>
        <translation>此后退款</translation>
    </message>
    <message>
        <source>Totals per currency</source>
        <translation>按币种合计</translation>
    </message>
    <message>
        <source>Totals per wallet</source>
        <translation>按钱包合计</translation>
    </message>
    <message>
        <source>Totals per status</source>
        <translation>按状态合计</translation>
    </message>
    <message>
        <source>Per currency</source>
        <translation>按币种</translation>
    </message>
    <message>
        <source>Per wallet</source>
        <translation>按钱包</translation>
    </message>
    <message>
        <source>Per status</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Refunds made this day</source>
        <translation>当日退款</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Payments of the day</source>
        <translation>当日收款</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save JSON…</source>
        <translation>保存 JSON…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Pick a day and press Make report.</source>
        <translation>选择日期，然后点击“生成报表”。</translation>
    </message>
    <message>
        <source>Unknown time zone. Pick one from the list, e.g. Asia/Hong_Kong.</source>
        <translation>未知时区。请从列表中选择，例如 Asia/Hong_Kong。</translation>
    </message>
    <message>
        <source>Reading the day&apos;s payments and refunds…</source>
        <translation>正在读取当日收款和退款…</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The server could not give the day&apos;s figures: %1</source>
        <translation>服务器无法提供当日数据：%1</translation>
    </message>
    <message>
        <source>%1 (%2): %3 payments, %4 refunds.</source>
        <translation>%1（%2）：%3 笔收款，%4 笔退款。</translation>
    </message>
    <message>
        <source>Kept from an earlier run; no refund since has changed it.</source>
        <translation>来自之前的计算结果；此后没有退款改变它。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>SandboxNetworkBox</name>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>Serve the sandbox&apos;s cashier pages on the local network, so a phone can scan and pay (takes effect at the next start)</source>
        <translation>在局域网上提供沙盒收银页面，以便手机扫码付款（下次启动时生效）</translation>
    </message>
    <message>
        <source>Sandbox on the local network</source>
        <translation>局域网沙盒</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <source>New checkout session</source>
        <translation>新建结账会话</translation>
    </message>
    <message>
        <source>Currency of every line item</source>
        <translation>所有商品行的币种</translation>
    </message>
    <message>
        <source>Alipay+ checkout takes one currency per session; the currency decides which wallets the customer sees.</source>
        <translation>Alipay+ 结账每个会话只能使用一种币种；币种决定顾客能看到哪些钱包。</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>币种(&amp;U)：</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <source>Add a line item</source>
        <translation>添加一行商品</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除商品</translation>
    </message>
    <message>
        <source>Remove the selected line item</source>
        <translation>删除所选商品行</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Success URL</source>
        <translation>成功跳转 URL</translation>
    </message>
    <message>
        <source>Cancel URL</source>
        <translation>取消跳转 URL</translation>
    </message>
    <message>
        <source>&amp;Success URL:</source>
        <translation>成功跳转 URL(&amp;S)：</translation>
    </message>
    <message>
        <source>Ca&amp;ncel URL:</source>
        <translation>取消跳转 URL(&amp;N)：</translation>
    </message>
    <message>
        <source>Create checkout session</source>
        <translation>创建结账会话</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation>单价（%1）</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>第 %1 项商品：%2</translation>
    </message>
    <message>
        <source>Add at least one line item with a name and a price.</source>
        <translation>请至少添加一项带名称和价格的商品。</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <source>Customer scans</source>
        <translation>顾客扫码</translation>
    </message>
    <message>
        <source>Checkout QR code</source>
        <translation>结账二维码</translation>
    </message>
    <message>
        <source>Create a session to show its QR code here.</source>
        <translation>创建会话后，二维码将显示在这里。</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <source>Checkout page URL</source>
        <translation>结账页面 URL</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the checkout URL</source>
        <translation>复制结账 URL</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the checkout page in the browser</source>
        <translation>在浏览器中打开结账页面</translation>
    </message>
    <message>
        <source>Expire session</source>
        <translation>使会话过期</translation>
    </message>
    <message>
        <source>Expire the checkout session</source>
        <translation>使结账会话过期</translation>
    </message>
    <message>
        <source>Close the session so that nobody can pay it any more</source>
        <translation>关闭该会话，之后任何人都无法再付款</translation>
    </message>
    <message>
        <source>Paid — thank you.</source>
        <translation>已付款，谢谢惠顾。</translation>
    </message>
    <message>
        <source>This session is closed.</source>
        <translation>此会话已关闭。</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>Payment %1</source>
        <translation>付款 %1</translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation>过期时间 %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>sk_test_… or sk_live_…</source>
        <translation>sk_test_… 或 sk_live_…</translation>
    </message>
    <message>
        <source>Working in the built-in sandbox: nothing here is real money.</source>
        <translation>正在使用内置沙盒：这里的一切都不是真实资金。</translation>
    </message>
    <message>
        <source>Working with account “%1”.</source>
        <translation>正在使用账户“%1”。</translation>
    </message>
    <message>
        <source>Account details: %1</source>
        <translation>账户详情：%1</translation>
    </message>
    <message>
        <source>Stored in the keyring — type a new key to replace it</source>
        <translation>已保存在密钥环中 — 输入新密钥即可替换</translation>
    </message>
    <message>
        <source>Stored in the keyring: %1 — type a new key to replace it</source>
        <translation>已保存在密钥环中：%1 — 输入新密钥即可替换</translation>
    </message>
    <message>
        <source>No key in the keyring — enter the secret key</source>
        <translation>密钥环中没有密钥 — 请输入私钥</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新账户</translation>
    </message>
    <message>
        <source>Not saved: a manager&apos;s approval is needed.</source>
        <translation>未保存：需要经理批准。</translation>
    </message>
    <message>
        <source>There is already an account with this name.</source>
        <translation>已有同名账户。</translation>
    </message>
    <message>
        <source>Not saved: the key could not be stored safely.</source>
        <translation>未保存：无法安全地存储密钥。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved “%1”. The secret key is in the system keyring.</source>
        <translation>已保存“%1”。私钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>Remove “%1” and delete its secret key from the keyring?</source>
        <translation>删除“%1”并从密钥环中删除其私钥？</translation>
    </message>
    <message>
        <source>Not removed: a manager&apos;s approval is needed.</source>
        <translation>未移除：需要经理批准。</translation>
    </message>
    <message>
        <source>Not removed: the keyring could not be reached.</source>
        <translation>未删除：无法访问密钥环。</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Enter a secret key to test.</source>
        <translation>请输入要测试的私钥。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>No Secret Service is running: install gnome-keyring (Debian: apt install gnome-keyring) or KeePassXC with Secret Service enabled, and log in to a desktop session.</source>
        <translation>没有正在运行的 Secret Service：请安装 gnome-keyring（Debian：apt install gnome-keyring）或启用了 Secret Service 的 KeePassXC，并登录桌面会话。</translation>
    </message>
    <message>
        <source>No D-Bus session bus was found, so the keyring cannot be reached: log in to a desktop session (or start Merchant Desk under dbus-run-session with gnome-keyring running).</source>
        <translation>找不到 D-Bus 会话总线，因此无法访问密钥环：请登录桌面会话（或在运行 gnome-keyring 的 dbus-run-session 中启动 Merchant Desk）。</translation>
    </message>
    <message>
        <source>The Python package &apos;secretstorage&apos; is missing, so the Secret Service cannot be used: reinstall Merchant Desk or run: pip install secretstorage.</source>
        <translation>缺少 Python 包 &apos;secretstorage&apos;，因此无法使用 Secret Service：请重新安装 Merchant Desk 或运行：pip install secretstorage。</translation>
    </message>
    <message>
        <source>The keyring is locked: unlock it and try again.</source>
        <translation>密钥环已锁定：请解锁后重试。</translation>
    </message>
    <message>
        <source>Keyring storage is switched off (the &apos;null&apos; keyring backend is configured, e.g. by PYTHON_KEYRING_BACKEND or keyringrc.cfg): remove that setting to store keys.</source>
        <translation>密钥环存储已关闭（配置了 &apos;null&apos; 密钥环后端，例如通过 PYTHON_KEYRING_BACKEND 或 keyringrc.cfg）：请删除该设置以存储密钥。</translation>
    </message>
</context>
<context>
    <name>SharedLedgerSection</name>
    <message>
        <source>Shared ledger</source>
        <translation>共享账本</translation>
    </message>
    <message>
        <source>Tills of one shop can share one PostgreSQL ledger: one audit log, and a payment is never refunded by two tills at once. Leave the address empty to keep this computer&apos;s own ledger.</source>
        <translation>同一店铺的多台收银台可以共享一个 PostgreSQL 账本：共用一份审计日志，且同一笔付款不会被两台收银台同时退款。地址留空则继续使用本机自己的账本。</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>收银台名称</translation>
    </message>
    <message>
        <source>Shared ledger address</source>
        <translation>共享账本地址</translation>
    </message>
    <message>
        <source>postgresql://user@server/database</source>
        <translation>postgresql://用户@服务器/数据库</translation>
    </message>
    <message>
        <source>Shared ledger password</source>
        <translation>共享账本密码</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Till name:</source>
        <translation>收银台名称：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Type an address that starts with postgresql://</source>
        <translation>请输入以 postgresql:// 开头的地址</translation>
    </message>
    <message>
        <source>Leave the password out of the address: type it in the Password field, it is kept in the keyring.</source>
        <translation>请不要把密码写在地址里：在“密码”栏中输入，它会保存在密钥环中。</translation>
    </message>
    <message>
        <source>Connected. The database is empty: the ledger is set up there at the next start.</source>
        <translation>已连接。数据库为空：下次启动时将在其中建立账本。</translation>
    </message>
    <message>
        <source>Connected. The shared ledger is ready.</source>
        <translation>已连接。共享账本可以使用。</translation>
    </message>
    <message>
        <source>No database server answers at that address. Check the server name and that the server is running.</source>
        <translation>该地址没有数据库服务器应答。请检查服务器名称以及服务器是否正在运行。</translation>
    </message>
    <message>
        <source>The server refused the user name or password.</source>
        <translation>服务器拒绝了用户名或密码。</translation>
    </message>
    <message>
        <source>The server has no database of that name.</source>
        <translation>服务器上没有该名称的数据库。</translation>
    </message>
    <message>
        <source>This user has no permission to use the ledger&apos;s tables. Ask the database&apos;s owner to grant them.</source>
        <translation>此用户无权使用账本的数据表。请让数据库所有者授予权限。</translation>
    </message>
    <message>
        <source>This ledger was set up by a newer Merchant Desk (wrong schema version). Update Merchant Desk on this till first.</source>
        <translation>此账本由更新版本的 Merchant Desk 建立（结构版本不符）。请先在此收银台上更新 Merchant Desk。</translation>
    </message>
    <message>
        <source>The shared ledger cannot be used: %1</source>
        <translation>无法使用共享账本：%1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Give this till a name.</source>
        <translation>请为此收银台命名。</translation>
    </message>
    <message>
        <source>Not saved: a manager&apos;s approval is needed.</source>
        <translation>未保存：需要经理批准。</translation>
    </message>
    <message>
        <source>The password could not be stored: %1</source>
        <translation>无法保存密码：%1</translation>
    </message>
    <message>
        <source>Saved. Merchant Desk uses this from its next start.</source>
        <translation>已保存。Merchant Desk 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message>
        <source>Enter the URL that should receive the events.</source>
        <translation>请输入接收事件的 URL。</translation>
    </message>
    <message>
        <source>A URL cannot contain spaces.</source>
        <translation>URL 不能包含空格。</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>这不是有效的 URL。</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address.</source>
        <translation>请使用 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>The URL needs a host name, e.g. https://example.com/webhooks.</source>
        <translation>URL 需要包含主机名，例如 https://example.com/webhooks。</translation>
    </message>
    <message>
        <source>A live account sends webhooks over https only.</source>
        <translation>正式账户只能通过 https 发送 Webhook。</translation>
    </message>
    <message>
        <source>Webhook endpoints</source>
        <translation>Webhook 端点</translation>
    </message>
    <message>
        <source>WooshPay POSTs a signed event to every enabled endpoint subscribed to it. Register one per receiver; create separate endpoints for test and live.</source>
        <translation>WooshPay 会将签名的事件通过 POST 发送到每个已启用且订阅了该事件的端点。每个接收方注册一个端点；测试和正式环境请分别创建端点。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Registered webhook endpoints</source>
        <translation>已注册的 Webhook 端点</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh webhook endpoints</source>
        <translation>刷新 Webhook 端点</translation>
    </message>
    <message>
        <source>Delete endpoint…</source>
        <translation>删除端点…</translation>
    </message>
    <message>
        <source>Delete the selected webhook endpoint</source>
        <translation>删除所选 Webhook 端点</translation>
    </message>
    <message>
        <source>Not created: a manager&apos;s approval is needed.</source>
        <translation>未创建：需要经理批准。</translation>
    </message>
    <message>
        <source>No answer from WooshPay (%1). Press Create again to retry the same request; it will not make a second endpoint.</source>
        <translation>WooshPay 未响应（%1）。请再次点击“创建”重试同一请求，不会重复创建端点。</translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation>无法加载端点：%1</translation>
    </message>
    <message>
        <source>ID: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>API version: %1</source>
        <translation>API 版本：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n 个端点</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation>删除 Webhook 端点</translation>
    </message>
    <message>
        <source>Delete the endpoint for %1?

WooshPay stops sending events to it at once. This cannot be undone.</source>
        <translation>删除 %1 的端点？

WooshPay 将立即停止向其发送事件。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Not deleted: a manager&apos;s approval is needed.</source>
        <translation>未删除：需要经理批准。</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Endpoint %1 was already gone.</source>
        <translation>端点 %1 已不存在。</translation>
    </message>
    <message>
        <source>Could not register the inspector: %1</source>
        <translation>无法注册检查器：%1</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Waiting</source>
        <translation>等待付款</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>已授权</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Partially refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Requires action</source>
        <translation>需要操作</translation>
    </message>
    <message>
        <source>Requested by customer</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复付款</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Resolved dispute</source>
        <translation>争议已解决</translation>
    </message>
    <message>
        <source>Expired uncaptured charge</source>
        <translation>未请款的授权已过期</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Failed invoice</source>
        <translation>账单失败</translation>
    </message>
    <message>
        <source>Void invoice</source>
        <translation>账单作废</translation>
    </message>
    <message>
        <source>Waiting for the customer to pay</source>
        <translation>等待顾客付款</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>No payment required</source>
        <translation>无需付款</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>所有事件</translation>
    </message>
    <message>
        <source>Payment created</source>
        <translation>付款已创建</translation>
    </message>
    <message>
        <source>Payment succeeded</source>
        <translation>付款成功</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>付款失败</translation>
    </message>
    <message>
        <source>Payment canceled</source>
        <translation>付款已取消</translation>
    </message>
    <message>
        <source>Payment waits for the customer</source>
        <translation>付款等待客户操作</translation>
    </message>
    <message>
        <source>Refund updated</source>
        <translation>退款已更新</translation>
    </message>
    <message>
        <source>Checkout completed</source>
        <translation>收银完成</translation>
    </message>
    <message>
        <source>Checkout expired</source>
        <translation>收银已过期</translation>
    </message>
    <message>
        <source>Dispute updated</source>
        <translation>争议已更新</translation>
    </message>
    <message>
        <source>Setup created</source>
        <translation>设置已创建</translation>
    </message>
    <message>
        <source>Setup succeeded</source>
        <translation>设置成功</translation>
    </message>
    <message>
        <source>No network: WooshPay could not be reached.</source>
        <translation>无网络：无法连接 WooshPay。</translation>
    </message>
    <message>
        <source>Timed out: the server did not answer in time.</source>
        <translation>超时：服务器未及时响应。</translation>
    </message>
    <message>
        <source>TLS failure: the server&apos;s certificate could not be verified.</source>
        <translation>TLS 失败：无法验证服务器证书。</translation>
    </message>
    <message>
        <source>Wrong key: the server refused it.</source>
        <translation>密钥错误：服务器拒绝了该密钥。</translation>
    </message>
    <message>
        <source>This key is not allowed to do that.</source>
        <translation>此密钥无权执行该操作。</translation>
    </message>
    <message>
        <source>A live key needs an https:// base URL.</source>
        <translation>正式密钥必须使用 https:// 地址。</translation>
    </message>
    <message>
        <source>WooshPay refused the request.</source>
        <translation>WooshPay 拒绝了该请求。</translation>
    </message>
    <message>
        <source>WooshPay does not know this object.</source>
        <translation>WooshPay 找不到该对象。</translation>
    </message>
    <message>
        <source>WooshPay is busy with this request; try again shortly.</source>
        <translation>WooshPay 正在处理此请求，请稍后再试。</translation>
    </message>
    <message>
        <source>The server has a problem right now. Try again later.</source>
        <translation>服务器暂时出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The server does not answer like the WooshPay API.</source>
        <translation>服务器的应答不像 WooshPay API。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <source>WooshPay made it, but this app could not write it to its ledger yet; it will be recorded automatically. Do not repeat it.</source>
        <translation>WooshPay 已执行，但本应用暂时无法将其写入账本；稍后会自动记录。请勿重复操作。</translation>
    </message>
    <message>
        <source>This request is more than a day old and its outcome is unknown, so it was not sent again. Decide what to do on the Refunds page.</source>
        <translation>此请求已超过一天且结果不明，因此没有再次发送。请在“退款”页面中决定如何处理。</translation>
    </message>
    <message>
        <source>WooshPay refused the request: %1</source>
        <translation>WooshPay 拒绝了该请求：%1</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>That amount is too long to be a real amount.</source>
        <translation>该金额太长，不可能是真实金额。</translation>
    </message>
    <message>
        <source>Use “,” only between groups of three digits and “.” for decimals, e.g. 1,234.50.</source>
        <translation>“,” 只能用于每三位数字之间，小数点请用 “.”，例如 1,234.50。</translation>
    </message>
    <message>
        <source>%1 amounts have no decimals.</source>
        <translation>%1 金额没有小数。</translation>
    </message>
    <message>
        <source>%1 amounts have at most %2 decimals.</source>
        <translation>%1 金额最多有 %2 位小数。</translation>
    </message>
    <message>
        <source>The amount is too large: at most %1 %2.</source>
        <translation>金额过大：最多 %1 %2。</translation>
    </message>
    <message>
        <source>Unknown currency “%1”.</source>
        <translation>未知货币“%1”。</translation>
    </message>
    <message>
        <source>This is not a number. Type digits, e.g. 12.50.</source>
        <translation>这不是数字。请输入数字，例如 12.50。</translation>
    </message>
    <message>
        <source>Only succeeded payments can be refunded; this one is “%1”.</source>
        <translation>只有已成功的付款才能退款；此付款的状态为“%1”。</translation>
    </message>
    <message>
        <source>An earlier refund of this payment needs your decision first (Refunds → Decide…).</source>
        <translation>此付款之前的一笔退款需要您先作出决定（退款 → 决定…）。</translation>
    </message>
    <message>
        <source>%1 allows one refund per payment, and this payment has already been refunded.</source>
        <translation>%1 每笔付款只允许退款一次，而此付款已经退过款。</translation>
    </message>
    <message>
        <source>An earlier refund of this payment is still unresolved. Retry it first.</source>
        <translation>此付款之前的一笔退款仍未确定结果，请先重试该退款。</translation>
    </message>
    <message>
        <source>This payment has been refunded in full.</source>
        <translation>此付款已全额退款。</translation>
    </message>
    <message>
        <source>The refund amount must be more than zero.</source>
        <translation>退款金额必须大于零。</translation>
    </message>
    <message>
        <source>At most %1 is left to refund.</source>
        <translation>最多还可退款 %1。</translation>
    </message>
    <message>
        <source>Choose a reason for the refund.</source>
        <translation>请选择退款原因。</translation>
    </message>
    <message>
        <source>A refund of this payment is in progress at %1.</source>
        <translation>%1 正在对此付款进行退款。</translation>
    </message>
    <message>
        <source>another till</source>
        <translation>另一台收银台</translation>
    </message>
    <message>
        <source>The note is longer than %1 characters.</source>
        <translation>备注超过 %1 个字符。</translation>
    </message>
    <message>
        <source>This refund cannot be made.</source>
        <translation>无法进行此退款。</translation>
    </message>
    <message>
        <source>Payment processing</source>
        <translation>付款处理中</translation>
    </message>
    <message>
        <source>Payment authorized</source>
        <translation>付款已授权</translation>
    </message>
    <message>
        <source>Charge succeeded</source>
        <translation>扣款成功</translation>
    </message>
    <message>
        <source>Charge refunded</source>
        <translation>扣款已退款</translation>
    </message>
    <message>
        <source>Charge captured</source>
        <translation>扣款已完成</translation>
    </message>
    <message>
        <source>Dispute opened</source>
        <translation>争议已发起</translation>
    </message>
    <message>
        <source>Dispute closed</source>
        <translation>争议已结束</translation>
    </message>
    <message>
        <source>Setup failed</source>
        <translation>设置失败</translation>
    </message>
    <message>
        <source>Refund sent</source>
        <translation>退款已提交</translation>
    </message>
    <message>
        <source>Checkout session created</source>
        <translation>收银会话已创建</translation>
    </message>
    <message>
        <source>Checkout session closed</source>
        <translation>收银会话已关闭</translation>
    </message>
    <message>
        <source>Webhook endpoint created</source>
        <translation>Webhook 端点已创建</translation>
    </message>
    <message>
        <source>Webhook endpoint deleted</source>
        <translation>Webhook 端点已删除</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>The customer declined the payment.</source>
        <translation>顾客拒绝了付款。</translation>
    </message>
    <message>
        <source>The payment was declined.</source>
        <translation>付款被拒绝。</translation>
    </message>
    <message>
        <source>The customer&apos;s balance was not enough.</source>
        <translation>顾客余额不足。</translation>
    </message>
    <message>
        <source>The payment method has expired.</source>
        <translation>付款方式已过期。</translation>
    </message>
    <message>
        <source>The customer did not confirm the payment.</source>
        <translation>顾客没有确认付款。</translation>
    </message>
    <message>
        <source>The wallet could not process the payment.</source>
        <translation>钱包无法处理此付款。</translation>
    </message>
    <message>
        <source>The wallet declined the payment.</source>
        <translation>钱包拒绝了付款。</translation>
    </message>
    <message>
        <source>Wallet: %1</source>
        <translation>钱包：%1</translation>
    </message>
</context>
</TS>
