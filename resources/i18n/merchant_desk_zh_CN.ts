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
    <name>AuditLogView</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit log as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 entries to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Enter the address the customer returns to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New checkout session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency of every line item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay+ checkout takes one currency per session; the currency decides which wallets the customer sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected line item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Success URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create checkout session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a session to show its QR code here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout page URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the checkout URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the checkout page in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire the checkout session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the session so that nobody can pay it any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one line item with a name and a price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from WooshPay (%1). Press Create again to retry the same request; it will not make a second session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid — thank you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not expire the session: %1</source>
        <translation type="unfinished"></translation>
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
        <source>Server problem</source>
        <translation>服务器故障</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to pay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Events and received webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by event type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished">事件</translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw JSON of the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see its raw JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks the local inspector received (start it on the Webhooks page). Verified means the Wooshpay-Signature matched a known signing secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local webhook inspector is available with the sandbox account only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers and body of the selected webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Unverified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received webhooks (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified with the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT verified: %1</source>
        <translation type="unfinished"></translation>
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
        <source>Metadata key {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata value {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">删除</translation>
    </message>
    <message>
        <source>Remove metadata row {n}</source>
        <translation type="unfinished"></translation>
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
    <name>PaymentDetail</name>
    <message>
        <source>Select a payment to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minor units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds of this payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw JSON of the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished">退款</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund the selected payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the payment&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {id}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load {id}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a payment first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only paid (succeeded) payments can be refunded; this one is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment has been refunded in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund all or part of this payment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>Enter the address the customer returns to after paying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a full web address starting with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A metadata value needs a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys can be at most {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys cannot contain square brackets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys cannot start or end with spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is already used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay+ wallets are offered in CNY, HKD, GBP, IDR, MYR, PHP and THB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEB – desktop page with a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAP – mobile browser (unconfirmed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APP – in-app redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEB shows a QR code for the customer to scan; it is the only value WooshPay documents for Alipay+. APP is documented for WooshPay&apos;s alipay method. WAP (mobile browser) is unconfirmed for WooshPay: see wooshpay-api.md §11.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a metadata row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Return URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount such as 12.34</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentStatusView</name>
    <message>
        <source>Payment status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No payment yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount and press Create.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wallet declined the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to scan the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wallet is confirming the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment is authorized and waits for capture.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minor} minor units</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>New payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished">收款</translation>
    </message>
    <message>
        <source>Cashier URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the cashier URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the cashier URL in a browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PNG/SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the QR code as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the amount and QR code full screen for the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by merchant order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the payments list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WooshPay did not answer ({error}). Press Create again to retry the same payment safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment was not created: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WooshPay returned no cashier URL for this payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a payment that is not finished can be canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped watching the payment: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier URL copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could open the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the QR code: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is this payment canceled? (sent to WooshPay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} payments shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load payments: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QrView</name>
    <message>
        <source>Payment QR code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already refunded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left to refund:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, kept with the refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without refunding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this payment&apos;s refunds: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier refunds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no refunds list: shown are the refunds made from this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund of %1 is still unresolved; it is retried before a new refund is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only succeeded payments can be refunded; this one is “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment has been refunded in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 is left to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from WooshPay: %1
The refund may or may not have been made. Retry sends the same request again and can never refund twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WooshPay refused the refund: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <source>Refunds and audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by payment id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment id (pi_…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry unresolved requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished">退款</translation>
    </message>
    <message>
        <source>Open payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the payment of the selected refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the refunds of this filter as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by date: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no refunds list: shown are the refunds made from this app, as recorded in its ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load refunds: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refunds shown; scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 request(s) sent without an answer (%2 of them refunds). They are sent again with the same idempotency key, so nothing is made twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still no answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy refund id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 refunds to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
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
    <message>
        <source>Sandbox (built-in, no real money)</source>
        <translation>沙盒（内置，不涉及真实资金）</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>（使用中）</translation>
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
        <source>Keys cannot be stored: %1 Keys are never written anywhere else; the sandbox keeps working.</source>
        <translation>无法存储密钥：%1 密钥绝不会写到其他地方；沙盒仍可使用。</translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message>
        <source>Enter the URL that should receive the events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A URL cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL needs a host name, e.g. https://example.com/webhooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A live account sends webhooks over https only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WooshPay POSTs a signed event to every enabled endpoint subscribed to it. Register one per receiver; create separate endpoints for test and live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished">事件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered webhook endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh webhook endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. Order system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every event type, including ones added later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API version of the events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local webhook inspector (sandbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receives the sandbox&apos;s webhooks on this computer and checks their signatures. Starting it registers an endpoint for all events; the Events page lists what arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or stop the webhook inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one event to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from WooshPay (%1). Press Create again to retry the same request; it will not make a second endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 was created, but WooshPay did not return its signing secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 was created. Its signing secret is shown only this once: copy it now and store it with your webhook receiver. It cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete webhook endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the endpoint for %1?

WooshPay stops sending events to it at once. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint %1 was already gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not register the inspector: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening at %1 — %2 received, %3 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start inspector</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
