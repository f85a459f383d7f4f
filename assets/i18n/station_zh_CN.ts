<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <source>Issued when the account step is confirmed.</source>
        <translation>确认开户后生成。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Open the account</source>
        <translation>开户</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建业务</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续办理</translation>
    </message>
    <message>
        <source>No cases here yet.</source>
        <translation>暂无案件。</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
</context>
<context>
    <name>ChecksView</name>
    <message>
        <source>(the officer may go on with a reason)</source>
        <translation>（柜员可填写理由后继续）</translation>
    </message>
    <message>
        <source>(must be fixed)</source>
        <translation>（必须更正）</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>The ID card, account and loan steps must be done first.</source>
        <translation>须先完成身份证、开户和贷款步骤。</translation>
    </message>
    <message>
        <source>Making the documents…</source>
        <translation>正在生成文件…</translation>
    </message>
    <message>
        <source>Go through each document with the borrower, page by page.</source>
        <translation>请与借款人逐页核对每份文件。</translation>
    </message>
    <message>
        <source>The documents could not be made: %1</source>
        <translation>无法生成文件：%1</translation>
    </message>
    <message>
        <source>Documents reviewed</source>
        <translation>文件已核对</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Documents to print</source>
        <translation>要打印的文件</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export evidence bundle…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>The case&apos;s signed documents, checks and audit trail, encrypted to the branch&apos;s certificate.</source>
        <translation>本业务的已签署文件、核验结果和审计记录，用支行证书加密。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>%1 CNY over %2 months, APR %3 %</source>
        <translation>%1 元，%2 个月，年化利率 %3 %</translation>
    </message>
    <message>
        <source>signed, %1</source>
        <translation>已签署，%1</translation>
    </message>
    <message>
        <source>The visit is finished</source>
        <translation>业务办理完成</translation>
    </message>
    <message>
        <source>The case and its signed documents are queued to sync with the branch; the live face pictures were deleted from this station.</source>
        <translation>案件及已签署文件已排队等待同步到网点；现场人脸照片已从本机删除。</translation>
    </message>
    <message>
        <source>Queued for the long-term upgrade (revocation data and an archive timestamp), done when the branch services can be reached: %1</source>
        <translation>已排队等待长期验证升级（吊销信息和存档时间戳），网点服务可用时完成：%1</translation>
    </message>
    <message>
        <source>All signed documents</source>
        <translation>全部已签署文件</translation>
    </message>
    <message>
        <source>Print the signed documents</source>
        <translation>打印已签署文件</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>正在打印：%1…</translation>
    </message>
    <message>
        <source>Printed %1 document(s), %2 page(s), to %3.</source>
        <translation>已打印 %1 份文件，共 %2 页，输出到 %3。</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
    <message>
        <source>Export evidence bundle</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>Encrypted evidence bundles (*.p7m)</source>
        <translation>加密证据包 (*.p7m)</translation>
    </message>
    <message>
        <source>Exporting the evidence bundle…</source>
        <translation>正在导出证据包…</translation>
    </message>
    <message>
        <source>Evidence bundle saved to %1 (%2 KB), holding %3; sealed by %4 and encrypted to %5, whose key alone opens it.</source>
        <translation>证据包已保存到 %1（%2 KB），内含 %3；签章：%4；已加密给 %5，只有其私钥能打开。</translation>
    </message>
    <message>
        <source>The evidence bundle was not exported: %1</source>
        <translation>证据包未导出：%1</translation>
    </message>
</context>
<context>
    <name>FacePage</name>
    <message>
        <source>Start the face check</source>
        <translation>开始人脸核验</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Confirm the person in person…</source>
        <translation>人工当面核验…</translation>
    </message>
    <message>
        <source>When the camera or the match cannot be used: the officer compares the customer with the card and records why.</source>
        <translation>摄像头或比对无法使用时：由柜员当面核对客户与证件，并记录理由。</translation>
    </message>
    <message>
        <source>Ask the customer to face the camera, then start the check.</source>
        <translation>请客户正对摄像头，然后开始核验。</translation>
    </message>
    <message>
        <source>The card was typed in, so there is no card photo to match: compare the customer with the card yourself and confirm in person.</source>
        <translation>证件信息为手工录入，没有证件照可比对：请亲自核对客户与证件，并人工当面确认。</translation>
    </message>
    <message>
        <source>Same person</source>
        <translation>同一人</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>非同一人</translation>
    </message>
    <message>
        <source>No decision</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <source>Distance %1 against the threshold %2 (lower is more alike)</source>
        <translation>距离 %1，阈值 %2（越小越相似）</translation>
    </message>
    <message>
        <source>Liveness: passed</source>
        <translation>活体检测：通过</translation>
    </message>
    <message>
        <source>Liveness: not passed</source>
        <translation>活体检测：未通过</translation>
    </message>
    <message>
        <source>Checking… follow the prompts on the picture.</source>
        <translation>正在核验…请按画面提示操作。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Confirm to go on, or check again.</source>
        <translation>确认后继续，或重新核验。</translation>
    </message>
    <message>
        <source>You can confirm the person in person instead.</source>
        <translation>也可改为人工当面核验。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新核验</translation>
    </message>
</context>
<context>
    <name>IdCardForm</name>
    <message>
        <source>Permanent (长期)</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>Front of the card</source>
        <translation>正面（人像面）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex / ethnicity</source>
        <translation>性别 / 民族</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Back of the card</source>
        <translation>背面（国徽面）</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>IdCardPage</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Open pictures…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <source>Check every field against the card; doubtful characters are marked yellow, fields that fail a check red.</source>
        <translation>请逐项与证件核对：存疑的字以黄色标出，未通过校验的栏目以红色标出。</translation>
    </message>
    <message>
        <source>Take the front and the back of the card with the camera, or open two pictures, or type the card in below.</source>
        <translation>请用摄像头拍摄证件正反两面，或打开两张图片，或在下方手工录入。</translation>
    </message>
    <message>
        <source>Hold the front of the card inside the outline.</source>
        <translation>请将证件正面置于框内。</translation>
    </message>
    <message>
        <source>Turn the card over.</source>
        <translation>请将证件翻面。</translation>
    </message>
    <message>
        <source>Front or back taken. Now turn the card over.</source>
        <translation>已拍下一面，请将证件翻面。</translation>
    </message>
    <message>
        <source>Open pictures of the card, or type it in below.</source>
        <translation>请打开证件图片，或在下方手工录入。</translation>
    </message>
    <message>
        <source>Pictures of the card</source>
        <translation>证件图片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>正在识别证件…</translation>
    </message>
    <message>
        <source>Read by %1. Compare each field with the card.</source>
        <translation>已由 %1 识别。请逐项与证件核对。</translation>
    </message>
    <message>
        <source>The card could not be read: %1</source>
        <translation>无法识别证件：%1</translation>
    </message>
    <message>
        <source>Side %1</source>
        <translation>第 %1 面</translation>
    </message>
</context>
<context>
    <name>LoanPage</name>
    <message>
        <source>Equal instalments (等额本息)</source>
        <translation>等额本息</translation>
    </message>
    <message>
        <source>Equal principal (等额本金)</source>
        <translation>等额本金</translation>
    </message>
    <message>
        <source>Monthly interest, principal at the end (按月付息到期还本)</source>
        <translation>按月付息到期还本</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>元</translation>
    </message>
    <message>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>Pre-approved line (household rated)</source>
        <translation>预授信额度（已评级农户）</translation>
    </message>
    <message>
        <source>On the dishonest-persons list (失信被执行人)</source>
        <translation>列入失信被执行人名单</translation>
    </message>
    <message>
        <source>Annual percentage rate</source>
        <translation>年化利率</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>还款计划</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Yearly rate</source>
        <translation>年利率</translation>
    </message>
    <message>
        <source>Repayment</source>
        <translation>还款方式</translation>
    </message>
    <message>
        <source>Fees at drawdown</source>
        <translation>放款时收取的费用</translation>
    </message>
    <message>
        <source>Annual percentage rate (APR)</source>
        <translation>年化利率（APR）</translation>
    </message>
    <message>
        <source>First payment %1 CNY · total interest %2 CNY · %3 payments</source>
        <translation>首期还款 %1 元 · 利息合计 %2 元 · 共 %3 期</translation>
    </message>
    <message>
        <source>Agree the loan</source>
        <translation>确认贷款方案</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Verify PDFs</source>
        <translation>验证 PDF</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Locked by the officer.</source>
        <translation>柜员已锁屏。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>DEMO: test certificates and the demo officer; not for real customers</source>
        <translation>演示模式：测试证书与演示柜员，不得用于真实客户</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Officer override</source>
        <translation>柜员放行</translation>
    </message>
    <message>
        <source>These checks failed. You may go on only if you have checked the matter yourself; write why for each. Your reasons are recorded in the case with your officer id.</source>
        <translation>以下校验未通过。只有在您亲自核实后方可继续，并须逐项写明理由。理由将连同您的柜员号记入案件。</translation>
    </message>
    <message>
        <source>Reason for going on</source>
        <translation>继续办理的理由</translation>
    </message>
    <message>
        <source>Override and go on</source>
        <translation>放行并继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>QaWindow</name>
    <message>
        <source>VALID</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>UNTRUSTED</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>INDETERMINATE</source>
        <translation>无法确定</translation>
    </message>
    <message>
        <source>not a PDF</source>
        <translation>不是 PDF</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>tampered</source>
        <translation>已被篡改</translation>
    </message>
    <message>
        <source>signature broken</source>
        <translation>签名损坏</translation>
    </message>
    <message>
        <source>changed after signing</source>
        <translation>签名后被修改</translation>
    </message>
    <message>
        <source>suspicious structure</source>
        <translation>结构可疑</translation>
    </message>
    <message>
        <source>certificate revoked</source>
        <translation>证书已吊销</translation>
    </message>
    <message>
        <source>certificate expired at signing time</source>
        <translation>签名时证书已过期</translation>
    </message>
    <message>
        <source>certificate not for signing</source>
        <translation>证书不可用于签名</translation>
    </message>
    <message>
        <source>untrusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>revocation unknown</source>
        <translation>吊销状态未知</translation>
    </message>
    <message>
        <source>too many signatures</source>
        <translation>签名过多</translation>
    </message>
    <message>
        <source>not as the case expects</source>
        <translation>与案件不符</translation>
    </message>
    <message>
        <source>validation error</source>
        <translation>验证出错</translation>
    </message>
    <message>
        <source>Verify signed PDFs</source>
        <translation>验证已签署的 PDF</translation>
    </message>
    <message>
        <source>Open PDF…</source>
        <translation>打开 PDF…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Trust roots…</source>
        <translation>信任根证书…</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Trust: %1</source>
        <translation>信任：%1</translation>
    </message>
    <message>
        <source>Trusted root certificates</source>
        <translation>受信任的根证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Signed PDFs</source>
        <translation>已签署的 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Folder of signed PDFs</source>
        <translation>已签署 PDF 所在文件夹</translation>
    </message>
    <message>
        <source>No PDF file found there.</source>
        <translation>那里没有 PDF 文件。</translation>
    </message>
    <message>
        <source>Verifying %1 file(s)…</source>
        <translation>正在验证 %1 个文件…</translation>
    </message>
    <message>
        <source>%1 file(s): %2 valid, %3 not valid.</source>
        <translation>共 %1 个文件：%2 个有效，%3 个无效。</translation>
    </message>
    <message>
        <source>PAdES level</source>
        <translation>PAdES 级别</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>修订版本数</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签署时间</translation>
    </message>
    <message>
        <source>Timestamp authority</source>
        <translation>时间戳机构</translation>
    </message>
    <message>
        <source>Certifies</source>
        <translation>认证权限</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>覆盖范围</translation>
    </message>
    <message>
        <source>Changes after it</source>
        <translation>其后的修改</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>证书链</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>吊销检查</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf)</source>
        <translation>HTML 报告 (*.html);;PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>无法写入报告：%1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ScheduleChart</name>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Each payment: principal and interest (CNY)</source>
        <translation>每期还款：本金与利息（元）</translation>
    </message>
</context>
<context>
    <name>ScheduleTable</name>
    <message>
        <source>No.</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>还款日</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>还款额</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>剩余本金</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>A camera number, or a video file or image folder that stands in for one.</source>
        <translation>摄像头编号，或代替摄像头的视频文件、图片文件夹。</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <source>RapidOCR (PP-OCR on ONNX Runtime)</source>
        <translation>RapidOCR（PP-OCR，ONNX Runtime）</translation>
    </message>
    <message>
        <source>PaddleOCR (needs the paddle extra)</source>
        <translation>PaddleOCR（需安装 paddle 扩展）</translation>
    </message>
    <message>
        <source>Face thresholds file</source>
        <translation>人脸阈值文件</translation>
    </message>
    <message>
        <source>the calibration shipped with the station</source>
        <translation>随工作站提供的校准</translation>
    </message>
    <message>
        <source>PKCS#12 file</source>
        <translation>PKCS#12 文件</translation>
    </message>
    <message>
        <source>PKCS#11 token (HSM, smart card)</source>
        <translation>PKCS#11 令牌（加密机、智能卡）</translation>
    </message>
    <message>
        <source>the DEMO bank certificate</source>
        <translation>演示用银行证书</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 模块</translation>
    </message>
    <message>
        <source>&quot;local&quot; for the station&apos;s own timestamp service, or the bank&apos;s RFC 3161 URL.</source>
        <translation>填“local”使用本机自带的时间戳服务，或填银行的 RFC 3161 服务地址。</translation>
    </message>
    <message>
        <source>Further trusted roots</source>
        <translation>其他受信任的根证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Root certificates (PEM or DER) trusted besides the DEMO root: the bank&apos;s, its timestamp service&apos;s.</source>
        <translation>除 DEMO 根证书外信任的根证书（PEM 或 DER）：本行的、其时间戳服务的。</translation>
    </message>
    <message>
        <source>CRL files</source>
        <translation>CRL 文件</translation>
    </message>
    <message>
        <source>CRLs (*.crl *.pem *.der)</source>
        <translation>证书吊销列表 (*.crl *.pem *.der)</translation>
    </message>
    <message>
        <source>Fetch CRLs and OCSP answers over the network when signing</source>
        <translation>签名时通过网络获取 CRL 和 OCSP 响应</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>OCR engine</source>
        <translation>OCR 引擎</translation>
    </message>
    <message>
        <source>Face thresholds</source>
        <translation>人脸比对阈值</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Certificates and timestamps</source>
        <translation>证书与时间戳</translation>
    </message>
    <message>
        <source>Bank key</source>
        <translation>银行签章密钥</translation>
    </message>
    <message>
        <source>Token label</source>
        <translation>令牌标签</translation>
    </message>
    <message>
        <source>Key label</source>
        <translation>密钥标签</translation>
    </message>
    <message>
        <source>Timestamp service</source>
        <translation>时间戳服务</translation>
    </message>
    <message>
        <source>Trust store for signing</source>
        <translation>签名信任库</translation>
    </message>
    <message>
        <source>Trusted roots</source>
        <translation>受信任的根证书</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>吊销检查</translation>
    </message>
    <message>
        <source>Passphrases and PINs are never stored here: set STATION_SIGNING__PKCS12_PASSPHRASE or STATION_SIGNING__PKCS11_PIN in the station&apos;s environment.</source>
        <translation>口令和 PIN 不保存在此处：请在工作站的环境变量中设置 STATION_SIGNING__PKCS12_PASSPHRASE 或 STATION_SIGNING__PKCS11_PIN。</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>检查并保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Settings file: %1</source>
        <translation>设置文件：%1</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>视频文件</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.avi *.mkv *.webm)</source>
        <translation>视频 (*.mp4 *.avi *.mkv *.webm)</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Officer id</source>
        <translation>柜员号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Switch officer</source>
        <translation>切换柜员</translation>
    </message>
    <message>
        <source>For trying the station: DEMO officer %1, PIN %2. Add real officers and remove or change this one before real customers.</source>
        <translation>试用工作站：演示柜员 %1，PIN %2。办理真实客户业务前，请添加正式柜员，并删除或修改此演示柜员。</translation>
    </message>
    <message>
        <source>Officer sign-in</source>
        <translation>柜员登录</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Enter your officer id and PIN.</source>
        <translation>请输入柜员号和 PIN。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>The borrower signs here</source>
        <translation>请借款人在此签名</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <source>Clear and sign again</source>
        <translation>清除并重签</translation>
    </message>
    <message>
        <source>The borrower has read the documents and signs them all with this one signature.</source>
        <translation>借款人已阅读全部文件，并以此签名一次签署全部文件。</translation>
    </message>
    <message>
        <source>Documents to sign</source>
        <translation>待签署文件</translation>
    </message>
    <message>
        <source>signed, %1</source>
        <translation>已签署，%1</translation>
    </message>
    <message>
        <source>to sign</source>
        <translation>待签署</translation>
    </message>
    <message>
        <source>Sign all documents</source>
        <translation>签署全部文件</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签署…</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签署</translation>
    </message>
    <message>
        <source>signing…</source>
        <translation>签署中…</translation>
    </message>
    <message>
        <source>Signed %1 of %2</source>
        <translation>已签署 %1 / %2</translation>
    </message>
    <message>
        <source>Every document is signed.</source>
        <translation>所有文件均已签署。</translation>
    </message>
    <message>
        <source>Nothing was signed: %1</source>
        <translation>未签署任何文件：%1</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>The visit is finished.</source>
        <translation>业务办理完成。</translation>
    </message>
    <message>
        <source>Now: %1. Next: %2.</source>
        <translation>当前：%1。下一步：%2。</translation>
    </message>
    <message>
        <source>Looking back at %1; the visit waits at %2.</source>
        <translation>正在查看：%1；办理进度停在：%2。</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source>Confirm and continue</source>
        <translation>确认并继续</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Sign-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>开户</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>to redo</source>
        <translation>需重做</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Account-opening application</source>
        <translation>开户申请书</translation>
    </message>
    <message>
        <source>Loan contract</source>
        <translation>借款合同</translation>
    </message>
    <message>
        <source>Credit-inquiry authorization</source>
        <translation>征信查询授权书</translation>
    </message>
    <message>
        <source>Consent to process personal and biometric data</source>
        <translation>个人信息及生物识别信息处理同意书</translation>
    </message>
</context>
<context>
    <name>VisitView</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Redo this step</source>
        <translation>重做此步</translation>
    </message>
    <message>
        <source>Back to the cases</source>
        <translation>返回案件列表</translation>
    </message>
    <message>
        <source>Forward to %1</source>
        <translation>前往：%1</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>Why must this step be done again? The reason is recorded in the case.</source>
        <translation>为什么要重做此步骤？理由将记入案件。</translation>
    </message>
    <message>
        <source>This step cannot go on yet: see the checks above.</source>
        <translation>此步骤暂不能继续：请查看上方的校验结果。</translation>
    </message>
    <message>
        <source>Not saved: an officer&apos;s reason is needed to go on.</source>
        <translation>未保存：需要柜员填写理由才能继续。</translation>
    </message>
</context>
<context>
    <name>_PathField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>_PathList</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
</TS>
