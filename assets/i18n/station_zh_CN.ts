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
    <name>Messages</name>
    <message>
        <source>The ID number has %1 characters; it must have 18.</source>
        <translation>身份号码有 %1 位，应为 18 位。</translation>
    </message>
    <message>
        <source>The ID number must be 17 digits followed by a digit or X.</source>
        <translation>身份号码应为 17 位数字，最后一位为数字或 X。</translation>
    </message>
    <message>
        <source>The ID number has 17 digits and a check character.</source>
        <translation>身份号码为 17 位数字加 1 位校验码。</translation>
    </message>
    <message>
        <source>The last character does not match the others: a character is probably misread.</source>
        <translation>校验码与其他位不符，可能有字符识别错误。</translation>
    </message>
    <message>
        <source>The check character matches the other 17.</source>
        <translation>校验码与前 17 位相符。</translation>
    </message>
    <message>
        <source>The birth date in the ID number is not a real date.</source>
        <translation>身份号码中的出生日期不是有效日期。</translation>
    </message>
    <message>
        <source>The birth date in the ID number is before 1900.</source>
        <translation>身份号码中的出生日期早于 1900 年。</translation>
    </message>
    <message>
        <source>The birth date in the ID number is in the future.</source>
        <translation>身份号码中的出生日期晚于今天。</translation>
    </message>
    <message>
        <source>The birth date in the ID number is a real date.</source>
        <translation>身份号码中的出生日期有效。</translation>
    </message>
    <message>
        <source>The address code is not in the reference table; check it against the card.</source>
        <translation>地址码不在对照表中，请与证件核对。</translation>
    </message>
    <message>
        <source>The address code belongs to %1 (a retired code, still valid on older numbers).</source>
        <translation>地址码属于%1（已停用的代码，旧号码仍有效）。</translation>
    </message>
    <message>
        <source>The address code belongs to %1.</source>
        <translation>地址码属于%1。</translation>
    </message>
    <message>
        <source>The printed birth date differs from the one in the ID number.</source>
        <translation>证件上的出生日期与身份号码不一致。</translation>
    </message>
    <message>
        <source>The printed birth date matches the ID number.</source>
        <translation>证件上的出生日期与身份号码一致。</translation>
    </message>
    <message>
        <source>The printed sex differs from the one the ID number encodes.</source>
        <translation>证件上的性别与身份号码不一致。</translation>
    </message>
    <message>
        <source>The printed sex matches the ID number.</source>
        <translation>证件上的性别与身份号码一致。</translation>
    </message>
    <message>
        <source>The address is in %1, as the ID number&apos;s address code says.</source>
        <translation>住址在%1，与身份号码的地址码一致。</translation>
    </message>
    <message>
        <source>The address is not in %1, where the ID number was issued; the holder may have moved.</source>
        <translation>住址不在身份号码登记地%1，持证人可能已迁居。</translation>
    </message>
    <message>
        <source>The validity period does not fit the holder&apos;s age at issue (%1): expected %2, found %3.</source>
        <translation>有效期限与签发时年龄（%1 岁）不符：应为%2，实为%3。</translation>
    </message>
    <message>
        <source>The validity period fits the holder&apos;s age at issue (%1).</source>
        <translation>有效期限与签发时年龄（%1 岁）相符。</translation>
    </message>
    <message>
        <source>The card&apos;s validity has not begun yet; check the issue date.</source>
        <translation>证件尚未生效，请核对签发日期。</translation>
    </message>
    <message>
        <source>The card&apos;s validity has begun.</source>
        <translation>证件已生效。</translation>
    </message>
    <message>
        <source>The card is valid without time limit (长期).</source>
        <translation>证件长期有效。</translation>
    </message>
    <message>
        <source>The card has expired; the holder needs a new or temporary card.</source>
        <translation>证件已过期，持证人须换领新证或临时证。</translation>
    </message>
    <message>
        <source>The card has not expired.</source>
        <translation>证件未过期。</translation>
    </message>
    <message>
        <source>The holder is %1, under the minimum age of %2.</source>
        <translation>持证人 %1 岁，低于最低年龄 %2 岁。</translation>
    </message>
    <message>
        <source>The holder is %1, at least the minimum age of %2.</source>
        <translation>持证人 %1 岁，不低于最低年龄 %2 岁。</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <source>a period that is not a whole number of years</source>
        <translation>非整年的期限</translation>
    </message>
    <message>
        <source>The live face matches the card photo (distance %1 within threshold %2).</source>
        <translation>现场人脸与证件照相符（距离 %1，未超过阈值 %2）。</translation>
    </message>
    <message>
        <source>The live face does not match the card photo (distance %1 over threshold %2). Check the person against the card yourself, or retake.</source>
        <translation>现场人脸与证件照不符（距离 %1，超过阈值 %2）。请亲自核对本人与证件，或重新拍摄。</translation>
    </message>
    <message>
        <source>No decision could be made: %1</source>
        <translation>无法作出判断：%1</translation>
    </message>
    <message>
        <source>The liveness challenge was passed.</source>
        <translation>已通过活体检测。</translation>
    </message>
    <message>
        <source>The liveness challenge was not passed: repeat it, or confirm in person that a live person is present.</source>
        <translation>未通过活体检测：请重做，或当面确认为真人在场。</translation>
    </message>
    <message>
        <source>The mobile number is valid.</source>
        <translation>手机号码有效。</translation>
    </message>
    <message>
        <source>Enter an 11-digit mainland mobile number starting with 1.</source>
        <translation>请输入以 1 开头的 11 位大陆手机号码。</translation>
    </message>
    <message>
        <source>An address is given.</source>
        <translation>已填写地址。</translation>
    </message>
    <message>
        <source>Enter the address where the customer lives.</source>
        <translation>请输入客户的居住地址。</translation>
    </message>
    <message>
        <source>A product is chosen.</source>
        <translation>已选择产品。</translation>
    </message>
    <message>
        <source>Choose the account product.</source>
        <translation>请选择账户产品。</translation>
    </message>
    <message>
        <source>The amount is within the product&apos;s range.</source>
        <translation>金额在产品范围以内。</translation>
    </message>
    <message>
        <source>The amount must be between %1 and %2 CNY.</source>
        <translation>金额须在 %1 至 %2 元之间。</translation>
    </message>
    <message>
        <source>The term is allowed.</source>
        <translation>期限符合要求。</translation>
    </message>
    <message>
        <source>The term must be 1 to %1 months.</source>
        <translation>期限须为 1 至 %1 个月。</translation>
    </message>
    <message>
        <source>The rate is within the product&apos;s range.</source>
        <translation>利率在产品范围以内。</translation>
    </message>
    <message>
        <source>The yearly rate must be between %1 % and %2 %.</source>
        <translation>年利率须在 %1 % 至 %2 % 之间。</translation>
    </message>
    <message>
        <source>The borrower is not on the dishonest-persons list.</source>
        <translation>借款人不在失信被执行人名单上。</translation>
    </message>
    <message>
        <source>The borrower is on the dishonest-persons (失信被执行人) list: no loan can be granted.</source>
        <translation>借款人列入失信被执行人名单，不能发放贷款。</translation>
    </message>
    <message>
        <source>The APR %1 % is worked out and shown.</source>
        <translation>已计算并展示年化利率 %1 %。</translation>
    </message>
    <message>
        <source>The APR shown is below the nominal rate: recompute the quote.</source>
        <translation>展示的年化利率低于名义利率，请重新试算。</translation>
    </message>
    <message>
        <source>The amount is within the pre-approved line.</source>
        <translation>金额在预授信额度以内。</translation>
    </message>
    <message>
        <source>The amount is over the pre-approved line of %1 CNY.</source>
        <translation>金额超过预授信额度 %1 元。</translation>
    </message>
    <message>
        <source>All four documents are there.</source>
        <translation>四份文件齐全。</translation>
    </message>
    <message>
        <source>Documents missing: %1. Generate them again.</source>
        <translation>缺少文件：%1。请重新生成。</translation>
    </message>
    <message>
        <source>Documents without a fingerprint: %1.</source>
        <translation>以下文件缺少指纹（哈希）：%1。</translation>
    </message>
    <message>
        <source>The signature pad is empty: the borrower must sign before anything is signed.</source>
        <translation>签名板为空：借款人须先签名，才能签署文件。</translation>
    </message>
    <message>
        <source>The borrower&apos;s handwriting is captured.</source>
        <translation>已采集借款人手写签名。</translation>
    </message>
    <message>
        <source>Every document is signed.</source>
        <translation>所有文件均已签署。</translation>
    </message>
    <message>
        <source>Not signed: %1.</source>
        <translation>未签署：%1。</translation>
    </message>
    <message>
        <source>Every signature carries a trusted timestamp.</source>
        <translation>所有签名均带有可信时间戳。</translation>
    </message>
    <message>
        <source>Some signatures have no timestamp yet; they are queued for upgrade when the timestamp service is reachable.</source>
        <translation>部分签名尚无时间戳，已排队，待时间戳服务可用时升级。</translation>
    </message>
    <message>
        <source>No card was found in the picture: lay the card flat on a plain, darker surface and fill most of the picture with it.</source>
        <translation>画面中未找到证件：请将证件平放在颜色较深的纯色表面上，并让证件占满大部分画面。</translation>
    </message>
    <message>
        <source>The card was found.</source>
        <translation>已找到证件。</translation>
    </message>
    <message>
        <source>The card is too small in the picture (%1 pixels across): move closer so that it fills most of the picture.</source>
        <translation>证件在画面中太小（宽 %1 像素）：请靠近，让证件占满大部分画面。</translation>
    </message>
    <message>
        <source>Part of the card is outside the picture: move back so that all four corners show.</source>
        <translation>证件有一部分在画面外：请后退，让四个角都出现在画面中。</translation>
    </message>
    <message>
        <source>The picture is blurred (sharpness %1, at least %2 needed): hold the camera still and let it focus.</source>
        <translation>画面模糊（清晰度 %1，至少 %2）：请拿稳摄像头并等待对焦。</translation>
    </message>
    <message>
        <source>A reflection washes out %1% of the card: tilt the card or move away from the light.</source>
        <translation>反光遮住了证件的 %1%：请倾斜证件或避开光源。</translation>
    </message>
    <message>
        <source>The picture is too dark (brightness %1 of 255): add light or move to a window.</source>
        <translation>画面太暗（亮度 %1/255）：请补光或靠近窗户。</translation>
    </message>
    <message>
        <source>The image is greyscale: it may be a photocopy. Scan or photograph the original card in colour.</source>
        <translation>图片为灰度图，可能是复印件。请彩色扫描或拍摄证件原件。</translation>
    </message>
    <message>
        <source>The card shows no colour (colourfulness %1): it looks like a photocopy. Use the original card.</source>
        <translation>证件没有颜色（色彩度 %1），像是复印件。请使用证件原件。</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <source>Captured.</source>
        <translation>已拍下。</translation>
    </message>
    <message>
        <source>Could not read the %1 on the %2; take the picture again.</source>
        <translation>无法识别%2上的%1，请重新拍摄。</translation>
    </message>
    <message>
        <source>Compare with the card: the %1 may be misread (highlighted).</source>
        <translation>请与证件核对：%1可能识别有误（已标出）。</translation>
    </message>
    <message>
        <source>Every field on the %1 was read with confidence.</source>
        <translation>%1的所有栏目均已可靠识别。</translation>
    </message>
    <message>
        <source>The %1 of the card has not been read yet; take a picture of it.</source>
        <translation>证件%1尚未识别，请拍摄。</translation>
    </message>
    <message>
        <source>Some fields could not be read (%1); take the picture again.</source>
        <translation>部分栏目无法识别（%1），请重新拍摄。</translation>
    </message>
    <message>
        <source>Two images show the %1; take one of each side.</source>
        <translation>两张图片都是%1，请正反面各拍一张。</translation>
    </message>
    <message>
        <source>This is %1, not a resident ID card (居民身份证): use the holder&apos;s ID card.</source>
        <translation>这是%1，不是居民身份证：请使用持证人的身份证。</translation>
    </message>
    <message>
        <source>No resident ID card text was read: make sure the whole card is in the picture, sharp and well lit, or check that it is a resident ID card.</source>
        <translation>未识别到居民身份证文字：请确保整张证件在画面中、清晰且光线充足，或确认这是居民身份证。</translation>
    </message>
    <message>
        <source>name (姓名)</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>sex (性别)</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ethnic group (民族)</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>birth date (出生)</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>address (住址)</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>ID number (公民身份号码)</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>issuing authority (签发机关)</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <source>validity start (有效期限)</source>
        <translation>有效期起始日</translation>
    </message>
    <message>
        <source>validity end (有效期限)</source>
        <translation>有效期截止日</translation>
    </message>
    <message>
        <source>front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>back</source>
        <translation>背面</translation>
    </message>
    <message>
        <source>Look straight at the camera.</source>
        <translation>请正视摄像头。</translation>
    </message>
    <message>
        <source>Blink once, slowly.</source>
        <translation>请慢慢眨一次眼。</translation>
    </message>
    <message>
        <source>Turn your head slowly to your left, then back.</source>
        <translation>请慢慢向左转头，再转回来。</translation>
    </message>
    <message>
        <source>Turn your head slowly to your right, then back.</source>
        <translation>请慢慢向右转头，再转回来。</translation>
    </message>
    <message>
        <source>No face found: look straight at the camera, in good light.</source>
        <translation>未找到人脸：请在光线充足处正视摄像头。</translation>
    </message>
    <message>
        <source>%1 faces in the picture: only the customer may be in view.</source>
        <translation>画面中有 %1 张人脸：画面中只能有客户本人。</translation>
    </message>
    <message>
        <source>The face is too small (%1 px wide, needs %2): come closer to the camera.</source>
        <translation>人脸太小（宽 %1 像素，至少 %2）：请靠近摄像头。</translation>
    </message>
    <message>
        <source>The face is cut by the edge of the picture: move into the middle of the view.</source>
        <translation>人脸超出画面边缘：请移到画面中间。</translation>
    </message>
    <message>
        <source>Look straight at the camera and keep the head level (turn %1, tilt %2 deg).</source>
        <translation>请正视摄像头并保持头部端正（转动 %1，倾斜 %2 度）。</translation>
    </message>
    <message>
        <source>The picture is blurred (sharpness %1, needs %2): hold still, clean the lens or let the camera focus.</source>
        <translation>画面模糊（清晰度 %1，至少 %2）：请保持不动、擦拭镜头或等待对焦。</translation>
    </message>
    <message>
        <source>The face is too dark (brightness %1, needs %2): add light in front of the customer or turn them towards the window.</source>
        <translation>人脸太暗（亮度 %1，至少 %2）：请在客户前方补光，或让客户面向窗户。</translation>
    </message>
    <message>
        <source>The face is too bright (brightness %1, at most %2): move out of direct light.</source>
        <translation>人脸太亮（亮度 %1，至多 %2）：请避开直射光。</translation>
    </message>
    <message>
        <source>The face has too little contrast (%1, needs %2): avoid light from behind the customer and clean the lens.</source>
        <translation>人脸对比度不足（%1，至少 %2）：请避免客户背后的光线，并擦拭镜头。</translation>
    </message>
    <message>
        <source>The face is good.</source>
        <translation>人脸画面良好。</translation>
    </message>
    <message>
        <source>Liveness confirmed: every asked move was seen.</source>
        <translation>活体确认：所有要求的动作均已检测到。</translation>
    </message>
    <message>
        <source>%1 faces appeared during the challenge: only the customer may be in view.</source>
        <translation>检测过程中出现了 %1 张人脸：画面中只能有客户本人。</translation>
    </message>
    <message>
        <source>The face left the picture during the challenge: start it again.</source>
        <translation>检测过程中人脸离开了画面：请重新开始。</translation>
    </message>
    <message>
        <source>The challenge did not start: no steady frontal face was seen.</source>
        <translation>活体检测未开始：未检测到稳定的正脸。</translation>
    </message>
    <message>
        <source>The challenge stopped before &apos;%1&apos; was seen.</source>
        <translation>在检测到“%1”之前检测已停止。</translation>
    </message>
    <message>
        <source>The head turned the other way (asked: to the customer&apos;s %1): start the challenge again.</source>
        <translation>头部转向了相反方向（要求：向客户的%1转）：请重新开始检测。</translation>
    </message>
    <message>
        <source>Liveness not confirmed: %1. A photo or a still video cannot pass; start again.</source>
        <translation>活体未确认：%1。照片或静止视频无法通过；请重新开始。</translation>
    </message>
    <message>
        <source>No liveness challenge was run.</source>
        <translation>未进行活体检测。</translation>
    </message>
    <message>
        <source>no blink seen within %1 s (eye openness fell to %2% of normal, a blink needs under %3%)</source>
        <translation>%1 秒内未检测到眨眼（睁眼程度降至正常的 %2%，眨眼须低于 %3%）</translation>
    </message>
    <message>
        <source>no turn seen within %1 s (moved %2, needs %3)</source>
        <translation>%1 秒内未检测到转头（转动 %2，至少 %3）</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>blink</source>
        <translation>眨眼</translation>
    </message>
    <message>
        <source>turn_left</source>
        <translation>向左转头</translation>
    </message>
    <message>
        <source>turn_right</source>
        <translation>向右转头</translation>
    </message>
    <message>
        <source>Same person: distance %1 is within the threshold %2 (mean of %3 live frames).</source>
        <translation>同一人：距离 %1 未超过阈值 %2（%3 帧现场画面的平均值）。</translation>
    </message>
    <message>
        <source>Not the same person: distance %1 is over the threshold %2 (mean of %3 live frames). Compare the customer with the card yourself.</source>
        <translation>非同一人：距离 %1 超过阈值 %2（%3 帧现场画面的平均值）。请亲自核对客户与证件。</translation>
    </message>
    <message>
        <source>No usable live picture of the face.</source>
        <translation>没有可用的现场人脸画面。</translation>
    </message>
    <message>
        <source>No picture came from the camera.</source>
        <translation>摄像头没有传来画面。</translation>
    </message>
    <message>
        <source>The card photo cannot be decoded: read the card again.</source>
        <translation>证件照无法解码：请重新读取证件。</translation>
    </message>
    <message>
        <source>No face found in the card photo: read the card again, flat and without glare.</source>
        <translation>证件照中未找到人脸：请将证件放平、避免反光后重新读取。</translation>
    </message>
    <message>
        <source>The officer compared the customer with the card in person.</source>
        <translation>柜员已当面核对客户与证件。</translation>
    </message>
    <message>
        <source>The face check was stopped.</source>
        <translation>人脸核验已停止。</translation>
    </message>
    <message>
        <source>No camera answers at %1: plug it in, close any other program using it, or choose another camera in the settings.</source>
        <translation>%1没有响应：请插好摄像头、关闭占用它的其他程序，或在设置中选择其他摄像头。</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures (%1): check its cable and try again, or go on with an officer override.</source>
        <translation>摄像头停止传送画面（%1）：请检查连线后重试，或由柜员放行后继续。</translation>
    </message>
    <message>
        <source>The video %1 does not exist: check the path.</source>
        <translation>视频 %1 不存在：请检查路径。</translation>
    </message>
    <message>
        <source>The video %1 cannot be opened: it is not a video file the station reads, or it is damaged.</source>
        <translation>视频 %1 无法打开：不是工作站能读取的视频文件，或文件已损坏。</translation>
    </message>
    <message>
        <source>%1 has no more frames.</source>
        <translation>%1没有更多画面。</translation>
    </message>
    <message>
        <source>camera %1</source>
        <translation>摄像头 %1</translation>
    </message>
    <message>
        <source>the video %1</source>
        <translation>视频 %1</translation>
    </message>
    <message>
        <source>The amount (%1) must be above zero, and it and the fees (%2) must be whole fen (at most two decimals).</source>
        <translation>金额（%1）须大于零，且金额与费用（%2）须精确到分（至多两位小数）。</translation>
    </message>
    <message>
        <source>The fees (%1) must be less than the amount (%2).</source>
        <translation>费用（%1）须小于金额（%2）。</translation>
    </message>
    <message>
        <source>Some settings are not valid (%1).</source>
        <translation>部分设置无效（%1）。</translation>
    </message>
    <message>
        <source>%1: there is no file %2.</source>
        <translation>%1：文件 %2 不存在。</translation>
    </message>
    <message>
        <source>Cannot read a file named in the signing settings: %1.</source>
        <translation>无法读取签名设置中指定的文件：%1。</translation>
    </message>
    <message>
        <source>A file among the trusted roots or CRL files is not a certificate or CRL: %1.</source>
        <translation>受信任的根证书或 CRL 文件中有文件不是证书或 CRL：%1。</translation>
    </message>
    <message>
        <source>Trusted roots: %1 is not a PEM or DER certificate file (%2).</source>
        <translation>受信任的根证书：%1 不是 PEM 或 DER 格式的证书文件（%2）。</translation>
    </message>
    <message>
        <source>Trusted roots: %1 holds no certificate.</source>
        <translation>受信任的根证书：%1 中没有证书。</translation>
    </message>
    <message>
        <source>CRL files: %1 is not a PEM or DER CRL file (%2).</source>
        <translation>CRL 文件：%1 不是 PEM 或 DER 格式的 CRL 文件（%2）。</translation>
    </message>
    <message>
        <source>%1: the file %2 cannot be read (%3).</source>
        <translation>%1：无法读取文件 %2（%3）。</translation>
    </message>
    <message>
        <source>Camera: %1 is neither a camera number nor a video file or image folder.</source>
        <translation>摄像头：%1 既不是摄像头编号，也不是视频文件或图片文件夹。</translation>
    </message>
    <message>
        <source>Cannot write the evidence bundle %1: %2. Choose a folder this station may write to; nothing was written.</source>
        <translation>无法写入证据包 %1：%2。请选择本工作站可写入的文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <source>The disk is full, so the evidence bundle %1 was not written (nothing partial was left). Free some space (station doctor shows how much is left) and export again.</source>
        <translation>磁盘已满，证据包 %1 未写入（未留下不完整的文件）。请腾出空间（station doctor 可显示剩余空间）后重新导出。</translation>
    </message>
    <message>
        <source>Cannot read the branch certificate %1 (sync.recipient_cert): %2.</source>
        <translation>无法读取支行证书 %1（sync.recipient_cert）：%2。</translation>
    </message>
    <message>
        <source>The branch certificate %1 (sync.recipient_cert) is not a certificate (PEM or DER): %2. Ask branch IT for the branch&apos;s encryption certificate.</source>
        <translation>支行证书 %1（sync.recipient_cert）不是证书（PEM 或 DER）：%2。请向支行 IT 索取支行的加密证书。</translation>
    </message>
    <message>
        <source>The signature pad is empty: ask the borrower to sign.</source>
        <translation>签名板为空：请借款人签名。</translation>
    </message>
    <message>
        <source>The pad holds only a dot or a short scratch, not a signature: clear it and ask the borrower to sign their name.</source>
        <translation>签名板上只有一个点或一道短划，不是签名：请清除后让借款人签上姓名。</translation>
    </message>
    <message>
        <source>%1 strokes of handwriting.</source>
        <translation>手写签名共 %1 笔。</translation>
    </message>
    <message>
        <source>The pen input cannot be read (%1); ask the borrower to sign again.</source>
        <translation>无法读取笔迹（%1）：请借款人重新签名。</translation>
    </message>
    <message>
        <source>The pen input has %1 points, more than a signature (%2); clear the pad and ask the borrower to sign again.</source>
        <translation>笔迹有 %1 个点，超过签名上限（%2）：请清除签名板后让借款人重新签名。</translation>
    </message>
    <message>
        <source>Unknown officer id or wrong PIN.</source>
        <translation>柜员号或 PIN 错误。</translation>
    </message>
    <message>
        <source>Unknown officer id or wrong PIN (%1 tries left).</source>
        <translation>柜员号或 PIN 错误（还可尝试 %1 次）。</translation>
    </message>
    <message>
        <source>Officer %1 is locked after too many wrong PINs until %2. Wait, or ask an admin to unlock.</source>
        <translation>柜员 %1 因 PIN 错误次数过多已被锁定，至 %2 解除。请等待，或请管理员解锁。</translation>
    </message>
    <message>
        <source>Wrong PIN. Officer %1 is now locked for %2 minutes.</source>
        <translation>PIN 错误。柜员 %1 已被锁定 %2 分钟。</translation>
    </message>
    <message>
        <source>The session of %1 locked itself after %2 idle minutes. Enter the PIN to go on.</source>
        <translation>柜员 %1 已闲置 %2 分钟，会话已自动锁定。请输入 PIN 继续。</translation>
    </message>
    <message>
        <source>Give a reason for overriding %1; it is recorded in the case.</source>
        <translation>请填写放行 %1 的理由，理由将记入案件。</translation>
    </message>
    <message>
        <source>This case is done and signed; start a new case instead of changing it.</source>
        <translation>此案件已签署完成，不能修改；请新建业务。</translation>
    </message>
    <message>
        <source>This case is done; nothing more can be submitted.</source>
        <translation>此案件已完成，不能再提交。</translation>
    </message>
    <message>
        <source>The %1 step cannot be redone.</source>
        <translation>“%1”步骤不能重做。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1). Nothing was saved from this action; try again.</source>
        <translation>发生意外错误（%1）。此次操作未保存任何内容，请重试。</translation>
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
    <name>Printing</name>
    <message>
        <source>%1 cannot be read as a PDF; nothing was printed.</source>
        <translation>%1 无法作为 PDF 读取；未打印任何内容。</translation>
    </message>
    <message>
        <source>The printer could not be opened; nothing was printed.</source>
        <translation>无法打开打印机；未打印任何内容。</translation>
    </message>
    <message>
        <source>The printer stopped after %1 pages.</source>
        <translation>打印机在第 %1 页后停止。</translation>
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
