# 工作站的提示信息（简体中文）：图形界面按所选语言显示（station/messages.py）。
# 每条信息的 id 与英文目录（assets/messages/en/station.ftl）一一对应；{ $名称 } 是代码传入的参数。

## 基础

verbatim = { $text }
list-separator = 、
unexpected-error = 发生意外错误（{ $error }）。此次操作未保存任何内容，请重试。

## 身份号码

id-number-length = 身份号码有 { $length } 位，应为 18 位。
id-number-format = 身份号码应为 17 位数字，最后一位为数字或 X。
id-number-format-ok = 身份号码为 17 位数字加 1 位校验码。
id-number-check-digit = 校验码与其他位不符，可能有字符识别错误。
id-number-check-digit-ok = 校验码与前 17 位相符。
id-number-birth-date-invalid = 身份号码中的出生日期不是有效日期。
id-number-birth-date-early = 身份号码中的出生日期早于 1900 年。
id-number-birth-date-future = 身份号码中的出生日期晚于今天。
id-number-birth-date-ok = 身份号码中的出生日期有效。
id-number-region-unknown = 地址码不在对照表中，请与证件核对。
id-number-region = 地址码属于{ $region }。
id-number-region-retired = 地址码属于{ $region }（已停用的代码，旧号码仍有效）。

## 身份证核查

card-birth-date-differs = 证件上的出生日期与身份号码不一致。
card-birth-date-matches = 证件上的出生日期与身份号码一致。
card-sex-differs = 证件上的性别与身份号码不一致。
card-sex-matches = 证件上的性别与身份号码一致。
card-address-in-region = 住址在{ $province }，与身份号码的地址码一致。
card-address-elsewhere = 住址不在身份号码登记地{ $province }，持证人可能已迁居。
card-validity-period-wrong = 有效期限与签发时年龄（{ $age } 岁）不符：应为{ $expected }，实为{ $found }。
card-validity-period-ok = 有效期限与签发时年龄（{ $age } 岁）相符。
validity-years = { $years } 年
validity-not-whole-years = 非整年的期限
card-not-yet-valid = 证件尚未生效，请核对签发日期。
card-valid-from-ok = 证件已生效。
card-permanent = 证件长期有效。
card-expired = 证件已过期，持证人须换领新证或临时证。
card-not-expired = 证件未过期。
holder-under-age = 持证人 { $age } 岁，低于最低年龄 { $min_age } 岁。
holder-of-age = 持证人 { $age } 岁，不低于最低年龄 { $min_age } 岁。

## 业务流程

face-match = 现场人脸与证件照相符（距离 { $distance }，未超过阈值 { $threshold }）。
face-no-match = 现场人脸与证件照不符（距离 { $distance }，超过阈值 { $threshold }）。请亲自核对本人与证件，或重新拍摄。
face-no-decision = 无法作出判断：{ $reason }
face-retake = 请重新拍摄
face-liveness-passed = 已通过活体检测。
face-liveness-failed = 未通过活体检测：请重做，或当面确认为真人在场。
account-phone-ok = 手机号码有效。
account-phone-invalid = 请输入以 1 开头的 11 位大陆手机号码。
account-address-ok = 已填写地址。
account-address-missing = 请输入客户的居住地址。
account-product-ok = 已选择产品。
account-product-missing = 请选择账户产品。
loan-amount-ok = 金额在产品范围以内。
loan-amount-out-of-range = 金额须在 { $min } 至 { $max } 元之间。
loan-term-ok = 期限符合要求。
loan-term-out-of-range = 期限须为 1 至 { $max_months } 个月。
loan-rate-ok = 利率在产品范围以内。
loan-rate-out-of-range = 年利率须在 { $min } % 至 { $max } % 之间。
loan-eligible = 借款人不在失信被执行人名单上。
loan-excluded = 借款人列入失信被执行人名单，不能发放贷款。
loan-apr-shown = 已计算并展示年化利率 { $apr } %。
loan-apr-below-rate = 展示的年化利率低于名义利率，请重新试算。
loan-credit-line-ok = 金额在预授信额度以内。
loan-over-credit-line = 金额超过预授信额度 { $line } 元。
documents-complete = 四份文件齐全。
documents-missing = 缺少文件：{ $kinds }。请重新生成。
documents-not-hashed = 以下文件缺少指纹（哈希）：{ $kinds }。
document-kind = { $kind ->
    [account_application] 开户申请书
    [loan_contract] 借款合同
    [credit_authorization] 征信查询授权书
    [personal_info_consent] 个人信息及生物识别信息处理同意书
   *[other] { $kind }
 }
signature-pad-empty = 签名板为空：借款人须先签名，才能签署文件。
signature-captured = 已采集借款人手写签名。
signature-all-signed = 所有文件均已签署。
signature-not-signed = 未签署：{ $kinds }。
signature-timestamped = 所有签名均带有可信时间戳。
signature-untimed = 部分签名尚无时间戳，已排队，待时间戳服务可用时升级。
visit-case-signed = 此业务已签署完成，不能修改；请新建业务。
step-name = { $step ->
    [sign_in] 登录
    [id_card] 身份证
    [face] 人脸
    [account] 开户
    [loan] 贷款
    [documents] 文件
    [signature] 签名
    [done] 完成
   *[other] { $step }
 }
visit-no-redo = “{ $step }”步骤不能重做。
visit-redo-not-done = “{ $step }”步骤尚未完成，无需重做。
visit-nothing-to-override = { $checks } 未失败，无需放行。
visit-override-reason = 请填写放行 { $check } 的理由，理由将记入业务档案。
visit-case-done = 此业务已完成，不能再提交。
visit-wrong-step = 业务当前处于“{ $current }”步骤，不是“{ $step }”。

## 柜员会话

session-locked = 柜员 { $officer } 已闲置 { $minutes } 分钟，会话已自动锁定。请输入 PIN 继续。

## 账号与卡号

numbers-exhausted = 本工作站已用完号段 { $range } 的全部 { $count } 个号码。请向支行科技部门申请新的工作站编号。

## 贷款条件

loan-unknown-method = 未知的还款方式 { $method }：请使用 { $methods } 之一。
loan-past-calendar = { $start } 发放的贷款到期日超出日历范围：请核对日期。
loan-apr-unsolvable = 无法根据这些现金流计算年化利率：请核对金额、费用和利率。
loan-figure = { $figure ->
    [amount] 金额
    [fees] 费用
   *[rate] 年利率
 }
loan-not-a-number = 贷款{ $figure }须为数字，不能是 { $value }。
loan-amount-invalid = 金额须大于零且低于 { $max } 元，不能是 { $amount }。
loan-fees-invalid = 费用（{ $fees }）须不小于零且小于金额（{ $amount }）。
loan-not-whole-fen = 贷款{ $figure }（{ $value }）须精确到分（至多两位小数）。
loan-rate-invalid = 年利率以百分数表示，须在 0 至 100 之间（不含 100），不能是 { $rate }。
loan-term-invalid = 期限须为 1 至 { $max_months } 个月，不能是 { $months }。

## 柜员与登录

signin-officers-exist = 本工作站已有柜员；新柜员须由管理员添加。
signin-admin-adds = 只有管理员柜员可以添加柜员。
signin-officer-id-format = 柜员号为 2 至 32 位字母、数字、“.”、“_”或“-”。
signin-unknown-role = 未知角色 { $role }：请使用 officer（柜员）或 admin（管理员）。
signin-officer-exists = 柜员 { $officer } 已存在。
signin-pin-too-short = PIN 至少 { $digits } 位数字。
signin-pin-too-easy = 该 PIN 过于简单，容易被猜中；请另选一个。
signin-wrong = 柜员号或 PIN 错误。
signin-locked = 柜员 { $officer } 因 PIN 错误次数过多已被锁定，至 { $until } 解除。请等待，或请管理员解锁。
signin-now-locked = PIN 错误。柜员 { $officer } 已被锁定 { $minutes } 分钟。
signin-wrong-tries-left = 柜员号或 PIN 错误（还可尝试 { $tries } 次）。
signin-admin-unlocks = 只有管理员柜员可以为柜员解锁。
signin-no-officer = 没有柜员 { $officer }。

## 业务档案库

case-status = { $status ->
    [open] 办理中
    [done] 已完成
   *[other] { $status }
 }
store-no-case = 本工作站没有业务 { $case }。
store-case-closed = 业务 { $case }{ $status }，不能再修改。
store-case-moved = 业务 { $case } 当前处于“{ $current }”步骤，不是“{ $step }”；请重新打开。
store-case-closed-no-redo = 业务 { $case }{ $status }，其步骤不能重做。
store-no-outbox-item = 本工作站的待发送箱中没有 { $item }。
store-unknown-kdf = 未知的密钥槽派生方式 { $name }：此数据库需要更新版本的工作站软件。
store-unknown-format = 存储的数据格式无法识别。
store-does-not-open = 存储的数据无法用此密钥解开：PIN 错误或数据已被改动。
store-newer-schema = 此数据库由更新版本的工作站写入（结构版本 { $schema }）。请升级工作站软件；数据库未作任何改动。
store-busy = 另一个工作站进程正在使用 { $folder }（{ $owner }）。请先关闭它，或为本进程指定单独的数据文件夹（--data-dir）；未作任何改动。
store-disk-full = 磁盘已满，本步骤未保存；业务仍停留在上次保存的步骤。请腾出空间（station doctor 可显示剩余空间）后重做本步骤。
evidence-case-not-done = 业务 { $case }{ $status }（处于“{ $step }”步骤）：只有已完成的业务才能导出。请先办结该业务。
evidence-recipient-not-rsa = 支行证书 { $subject } 不含 RSA 密钥；证据包只能以 RSA 密钥传输方式加密。请向支行科技部门索取 RSA 加密证书。
evidence-recipient-not-encryption = 支行证书 { $subject } 不能用于加密（缺少 keyEncipherment 密钥用途）。请将 sync.recipient_cert 设为支行的加密证书。
evidence-recipient-expired = 支行证书 { $subject } 已于 { $date } 过期。请向支行科技部门索取当前证书（sync.recipient_cert），或检查工作站时钟。
evidence-disk-full = 磁盘已满，证据包 { $file } 未写入（未留下不完整的文件）。请腾出空间（station doctor 可显示剩余空间）后重新导出。
evidence-not-written = 无法写入证据包 { $path }：{ $problem }。请选择本工作站可写入的文件夹；未写入任何内容。

## 证书与 CRL 文件

cert-file-not-certificate = { $path } 不是 PEM 或 DER 格式的证书文件（{ $problem }）
cert-file-empty = { $path } 中没有证书
cert-file-not-crl = { $path } 不是 PEM 或 DER 格式的 CRL 文件（{ $problem }）
cert-file-missing = { $kind ->
    [CRL] CRL
   *[certificate] 证书
 }文件 { $path } 不存在
cert-file-unreadable = 无法读取{ $kind ->
    [CRL] CRL
   *[certificate] 证书
 }文件 { $path }（{ $problem }）

## 设置

settings-file-unreadable = 无法读取设置文件 { $path }：{ $problem }。请修正其权限，或将其移走以使用默认设置。
settings-file-not-toml = 设置文件 { $path } 不是有效的 TOML（{ $problem }）。请修正该行，或将文件移走以使用默认设置；文件未作改动。
settings-invalid-where = 部分设置无效（{ $problems }）。请检查 { $path }、STATION_* 环境变量和命令行参数。
settings-invalid = 部分设置无效（{ $problems }）。
settings-no-file = { $setting }：文件 { $path } 不存在。
settings-camera = 摄像头（ui.camera）：{ $camera } 既不是摄像头编号，也不是视频文件或图片文件夹。
settings-trust-file = { $key ->
    [trust_roots] 受信任的根证书
   *[crl_files] CRL 文件
 }：{ $problem }。
settings-pkcs12-file-unset = 未设置 signing.pkcs12_file；请指向银行的 PKCS#12 文件。
settings-pkcs12-passphrase-unset = 未设置 signing.pkcs12_passphrase（请使用 STATION_SIGNING__PKCS12_PASSPHRASE）。
settings-trust-unreadable = 无法读取签名设置中指定的文件：{ $problem }。
settings-trust-not-certificate = 受信任的根证书或 CRL 文件中有文件不是证书或 CRL：{ $problem }。
settings-pkcs11-incomplete = PKCS#11 银行密钥还需要：{ $names }。
settings-pkcs11-pin = 介质 PIN（STATION_SIGNING__PKCS11_PIN）
settings-recipient-unreadable = 无法读取支行证书 { $path }（sync.recipient_cert）：{ $problem }。
settings-recipient-not-certificate = 支行证书 { $path }（sync.recipient_cert）不是证书（PEM 或 DER）：{ $problem }。请向支行科技部门索取支行的加密证书。

## 签名证书、银行密钥、时间戳

trust-configured-roots = 所配置的受信任根证书
trust-demo-root = 本工作站的演示（DEMO）根证书
trust-demo-and-configured = 演示（DEMO）根证书及所配置的根证书
whose-bank = 银行
whose-borrower = 借款人
certificate-refused = { $whose }证书{ $subject }{ $problem ->
    [revoked] 已被吊销{ $detail }；未签署任何文件。请重新签发并配置证书。
    [expired] 已过期{ $detail }；未签署任何文件。请更新证书。
    [not-yet-valid] 尚未生效{ $detail }；未签署任何文件。请检查工作站时钟。
    [no-revocation-data] 没有可用于核验的吊销信息{ $detail }；未签署任何文件。请重启工作站以更新 CRL，或连接网络。
    [no-chain] 无法链接到{ $roots }{ $detail }；未签署任何文件。请配置正确的证书或受信任根证书。
   *[cannot-sign] 不能用于签署文件{ $detail }；未签署任何文件。请配置文件签名证书。
 }
token-removed = 签名介质“{ $label }”在签署过程中被移除（{ $error }）；未签署任何文件。请重新插入介质后再次签署整套文件。
token-refused = 签名介质拒绝签署（{ $error }）；未签署任何文件。
bank-key-unopenable = 无法打开银行密钥：{ $problem }
pkcs11-module-missing = PKCS#11 模块 { $module } 不存在；请安装介质驱动或修正 signing.pkcs11_module
token-pin-wrong = 介质“{ $token }”的 PIN 错误；未签署任何文件。请重新输入（连续输错几次介质将被锁定）。
token-locked = 介质“{ $token }”因 PIN 错误次数过多已被锁定；请由其安全管理员解锁。
token-pin-invalid = 这不是介质“{ $token }”的有效 PIN。
token-unopenable = 无法打开介质“{ $token }”（{ $problem }）；请插好介质并检查 signing.pkcs11_token_label。
pkcs11-module-unloadable = 无法加载 PKCS#11 模块 { $module }（{ $problem }）。
token-no-key = 介质“{ $token }”中没有可用的密钥“{ $key }”及其证书（{ $problem }）；请检查 signing.pkcs11_key_label。
upgrade-no-content = { $file } 没有可升级的内容
upgrade-no-signature = 该文件没有可升级的签名
upgrade-not-pdf = 该文件不是可读取的 PDF（{ $problem }）
upgrade-signature-unchecked = 无法核验签名域“{ $field }”中的签名（{ $problem }）；文件保持原样
upgrade-signature-invalid = 签名域“{ $field }”中的签名不成立（{ $summary }）；文件保持原样：请交质检核验
upgrade-no-revocation-data = 无法获取签名域“{ $field }”中签名的吊销信息（{ $problem }）
signed-not-written = 已签署的文件无法写入（{ $problem }）；未留下写了一半的文件。请腾出磁盘空间后重新保存。
seal-failed = 银行密钥无法为证据包加盖电子印章（{ $error }）；未写入任何内容。请确认签名介质已插好后重新导出。
bundle-key-not-rsa = 证据包以 RSA 密钥加密；此密钥不是 RSA 密钥。
bundle-not-decrypted = 无法用此密钥和证书解密该文件（{ $problem }）：它不是证据包，或是加密给其他支行的。
tsa-needs-demo-pki = 本地时间戳服务需要演示（DEMO）PKI；请配置 signing.tsa_url
tsa-no-token = 时间戳服务未返回时间戳（{ $problem }）
tsa-token-invalid = 时间戳服务返回的时间戳验证不通过
tsa-untrusted = 时间戳服务的证书无法链接到{ $roots }
sign-no-documents = 没有可签署的文件；请先生成文件
sign-no-borrower-certificate = 无法为借款人签发证书：{ $problem }
sign-field-failed = { $file } 无法在签名域“{ $field }”中签署（{ $problem }）；请重新生成文件
sign-no-content = { $file } 没有内容；请重新生成文件
sign-changed = { $file } 在生成后已被改动（指纹不一致）；请重新生成文件
sign-signed-already = { $file } 已经签署；一套文件只签署一次
sign-not-pdf = { $file } 不是可读取的 PDF（{ $problem }）；请重新生成文件
sign-no-field = { $file } 中没有签名域“{ $field }”；请重新生成文件

## 字体、印章、手写签名、文件

glyphs-missing = 文件字体无法显示部分字符：{ $problems }。请与身份证核对写法；字体中没有的字符无法打印或签署，请咨询本行对此类姓名的登记办法。
glyphs-field = { $field }（{ $where }）
glyph-at = 第 { $position } 个字符 { $code }
glyphs-ok = 文件字体可以显示所有字符。
stamp-text-refused = { $reason }未签署任何文件。
font-not-installed = 未安装字体 { $family }，无法绘制文件和印章。请运行 scripts/setup.sh（将安装 fonts-wqy-microhei 和 fonts-noto-cjk）。
font-unreadable = 无法读取字体文件 { $path }（{ $problem }）。请运行 scripts/setup.sh（将安装 fonts-wqy-microhei 和 fonts-noto-cjk）。
font-unusable = reportlab 无法使用字体 { $path }（{ $problem }）。请运行 scripts/setup.sh（将安装 fonts-wqy-microhei 和 fonts-noto-cjk）。
stamp-font-not-written = 无法将印章字体写入 { $folder }（{ $problem }）。请腾出磁盘空间或修正缓存文件夹的权限。
pen-input-unreadable = 无法读取笔迹（{ $problem }）：请借款人重新签名。
pen-input-too-long = 笔迹有 { $points } 个点，超过签名上限（{ $max }）：请清除签名板后让借款人重新签名。
handwriting-empty = 签名板为空：请借款人签名。
handwriting-scratch = 签名板上只有一个点或一道短划，不是签名：请清除后让借款人签上姓名。
handwriting-strokes = 手写签名共 { $strokes } 笔。
handwriting-image-unreadable = 无法读取手写签名图片（{ $problem }）：请提供签名的 PNG 图片。
stamp-bank-name-empty = 银行名称为空；请在工作站设置中填写 bank.name。
stamp-no-handwriting = 没有手写签名；请借款人先在签名板上签名
stamp-handwriting-blank = 手写签名为空白；请借款人在签名板上重新签名
stamp-image-not-png = { $image ->
    [seal] 印章
   *[handwriting] 手写签名
 }图片是 { $format } 格式，不是 PNG
stamp-image-unreadable = 无法读取{ $image ->
    [seal] 印章
   *[handwriting] 手写签名
 }图片（{ $problem }）；请重新采集
document-naive-time = 文件的签发时间必须带有时区。
document-schedule-mismatch = 还款计划中各期本金合计 { $principal }，与贷款金额 { $amount } 不符：请先重做贷款步骤再生成文件。
document-template-unusable = 文件模板 { $path } 无法使用（{ $problem }）。请从工作站安装包中恢复。
document-template-unknown-blocks = 文件模板 { $path } 含有未知类型的区块 { $types }。
document-template-signatures = 文件模板 { $path } 必须有且只有一个签名区块。
document-template-placeholder = 模板 { $template }.toml 使用了工作站不提供的占位符 {"{"}{ $name }{"}"}；占位符说明见 assets/templates/README.md。
document-template-fields = 模板 { $template }.toml 放置的签名域为 { $found }，应为借款人和银行签名域各一个。
document-fields-row = 栏目行须有 2 或 4 个单元格，不能是 { $cells } 个。
document-no-schedule = 贷款试算没有还款计划：请先重做贷款步骤再生成文件。
document-schedule-row = 还款计划中有一行缺少 { $missing }：请重做贷款步骤。
document-schedule-amount = 还款计划中有金额不是数字：请重做贷款步骤。
document-schedule-date = 还款计划中有到期日不是日期：请重做贷款步骤。
demo-pki-unusable = 无法使用演示（DEMO）PKI：{ $problem }。

## 业务操作

documents-steps-missing = 须先完成身份证、开户和贷款步骤。
signing-steps-missing = 签署前须先完成身份证和文件步骤。
folder-not-made = 无法创建文件夹 { $folder }（{ $problem }）；请另选一个。
bundle-branch-key-unreadable = 无法读取网点的私钥或证书：{ $problem }
bundle-unopenable = 证据包无法打开：{ $problem }
calibration-not-written = 无法写入 { $path }：{ $problem }。
card-input-no-fields = 证件数据中没有“fields”：请提供 station idcard read --json 的输出。
card-input-missing = 证件数据缺少字段 { $field }。
card-input-not-date = 字段 { $field } 不是日期（YYYY-MM-DD）。
card-input-sex = 性别字段须为“男”或“女”。
sign-set-unreadable = 无法将 { $path } 读取为待签署的文件集：{ $problem }
tsa-demo-only = 本地时间戳服务只能使用演示（DEMO）PKI；本工作站使用的是其他密钥。
case-not-finished = 业务尚未办结：文件签署完成后才能交付。

## 图形界面

print-unreadable = { $title } 无法作为 PDF 读取；未打印任何内容。
print-no-printer = 无法打开打印机；未打印任何内容。
print-stopped = 打印机在第 { $pages } 页后停止。
face-check-stopped-unexpectedly = 人脸核验意外中止；请重新开始。
face-check-not-started = 人脸核验未能启动；请重新开始。
face-check-failed = 人脸核验失败（{ $error }）；请重新开始。
face-in-person = 柜员已当面核对客户与证件。
face-check-stopped = 人脸核验已停止。

## 图片、摄像头、文字识别与人脸

image-no-file = 文件 { $path } 不存在；请核对文件名。
image-is-folder = { $path } 是文件夹，不是图片文件。
image-unreadable = 无法读取文件 { $path }（{ $problem }）；请检查其权限。
image-empty = 图片文件为空；请重新拍摄或使用扫描仪。
image-too-many-pixels = 图片为 { $width }x{ $height } 像素（{ $megapixels } 百万像素），超过工作站可接受的 { $max } 百万像素；请将摄像头设为较小的分辨率。
image-no-pixels = 图片没有像素；请重新拍摄或使用扫描仪。
image-too-large = 图片过大（{ $problem }）；请将摄像头设为较小的分辨率。
image-unknown-format = 该文件不是工作站能读取的图片（JPEG、PNG、BMP、TIFF）；请重新拍摄或使用扫描仪。
image-damaged = 图片文件已损坏或不完整（{ $problem }）；请重新拍摄或使用扫描仪。
calibration-invalid = 校准文件无效（{ $problem }）：请运行 station face calibrate。
calibration-threshold = 校准阈值 { $threshold } 超出范围：请运行 station face calibrate。
calibration-missing = 人脸校准文件 { $path } 缺失：请重新安装工作站或运行 station face calibrate。
calibration-unreadable = 无法读取人脸校准文件 { $path }（{ $problem }）：请运行 station face calibrate。
calibration-not-object = 人脸校准文件 { $path } 不是 JSON 对象：请运行 station face calibrate。
calibration-lacks = 人脸校准文件 { $path } 缺少 { $fields }：请运行 station face calibrate。
calibration-other-model = 人脸校准文件 { $path } 是为 { $made_for } 制作的，不适用于已安装的 { $installed }：请为此模型运行 station face calibrate。
calibration-other-method = 人脸校准文件 { $path } 是为方法“{ $made_for }”制作的，不适用于“{ $method }”：请运行 station face calibrate。
face-models-missing = 未安装人脸模型：请运行 uv sync（软件包 face-recognition-models）。
face-model-unreadable = 无法读取人脸模型文件 { $path }（{ $problem }）；请重新安装人脸模型：uv sync --reinstall-package face-recognition-models。
face-model-changed = 人脸模型文件 { $path } 的 sha256 为 { $actual }，不是固定值 { $expected }：文件已被改动或损坏；请重新安装人脸模型：uv sync --reinstall-package face-recognition-models。
protocol-not-folder = { $folder } 不是文件夹：请提供每人一个子文件夹照片的文件夹。
protocol-too-few-people = { $folder } 至少需要两个人（子文件夹），每人至少两张照片。
protocol-no-decisions = 无法作出同人或异人判断：数据集的照片中检测不到人脸。
ocr-package-missing = 未安装提供文字识别模型文件的软件包 { $package }；请运行 scripts/setup.sh。
ocr-model-missing = 文字识别模型文件 { $path } 缺失；请重新安装 { $package }（uv sync --reinstall-package { $package }）。
ocr-model-changed = 文字识别模型文件 { $path } 的 sha256 为 { $actual }，与锁定值 { $pinned } 不符：文件已被改动或损坏；请重新安装 { $package }（uv sync --reinstall-package { $package }）。
ocr-no-engine = 没有名为 { $name } 的文字识别引擎；请将 ocr.engine 设为 { $engines } 之一。
ocr-unknown-models = 未知的 RapidOCR 模型组 { $models }。
ocr-rapidocr-import = 无法导入 RapidOCR（{ $problem }）；请运行 scripts/setup.sh。
ocr-paddle-missing = 未安装 PaddleOCR 引擎；请安装 paddle 扩展（uv sync --extra paddle），或设置 ocr.engine = "rapidocr"。
capture-no-card = 画面中未找到证件：请将证件平放在颜色较深的纯色表面上，并让证件占满大部分画面。
capture-card-found = 已找到证件。
capture-too-small = 证件在画面中太小（宽 { $width } 像素）：请靠近，让证件占满大部分画面。
capture-size-ok = 证件宽 { $width } 像素。
capture-cut-off = 证件有一部分在画面外：请后退，让四个角都出现在画面中。
capture-corners-ok = 证件四个角都在画面中。
capture-blurred = 画面模糊（清晰度 { $sharpness }，至少 { $min }）：请拿稳摄像头并等待对焦。
capture-sharp = 画面足够清晰（清晰度 { $sharpness }）。
capture-glare = 反光遮住了证件的 { $share }：请倾斜证件或避开光源。
capture-no-glare = 没有反光遮挡证件内容。
capture-too-dark = 画面太暗（亮度 { $brightness }/255）：请补光或靠近窗户。
capture-lit = 证件光线充足（亮度 { $brightness }/255）。
capture-greyscale = 图片为灰度图，可能是复印件。请彩色扫描或拍摄证件原件。
capture-no-colour = 证件没有颜色（色彩度 { $colour }），像是复印件。请使用证件原件。
capture-colour = 证件为彩色（色彩度 { $colour }）。
capture-hold-still = 请保持不动…
capture-captured = 已拍下。
card-field = { $field ->
    [name] 姓名
    [sex] 性别
    [ethnicity] 民族
    [birth_date] 出生日期
    [address] 住址
    [id_number] 公民身份号码
    [issuer] 签发机关
    [valid_from] 有效期起始日
   *[valid_to] 有效期截止日
 }
card-side-not-read = 证件{ $side ->
    [front] 正面
   *[back] 背面
 }尚未识别，请拍摄。
card-side-not-read-yet = 证件{ $side ->
    [front] 正面
   *[back] 背面
 }尚未识别，请拍摄。
card-fields-unreadable = 部分栏目无法识别（{ $fields }），请重新拍摄。
card-other-kind = 这是{ $kind }，不是居民身份证：请使用持证人的身份证。
card-no-id-text = 未识别到居民身份证文字：请确保整张证件在画面中、清晰且光线充足，或确认这是居民身份证。
check-on-side = { $side ->
    [front] 正面
   *[back] 背面
 }：{ $reason }
check-on-image = 第 { $image } 张图片：{ $reason }
card-two-images-of-side = 两张图片都是{ $side ->
    [front] 正面
   *[back] 背面
 }，请正反面各拍一张。
card-fields-not-read = 无法识别{ $side ->
    [front] 正面
   *[back] 背面
 }上的{ $fields }，请重新拍摄。
card-fields-doubtful = 请与证件核对：{ $fields }可能识别有误（已标出）。
card-fields-read = { $side ->
    [front] 正面
   *[back] 背面
 }的所有栏目均已可靠识别。

## 质检验证（其问题与发现保持英文原文）

verify-valid = { $file }：有效（VALID），共 { $signatures } 个签名
verify-not-valid = { $file }：{ $verdict }（{ $reasons }）
verify-empty-password = 该文件以空密码加密；已按读取结果验证
verify-structure-ok = 文件 { $revisions } 个版本的每个字节均有着落
verify-finding-signed = { $finding }；位于已签名的字节内，签名人签署时即是如此
verify-coverage = 最后一个签名（{ $field }）覆盖文件的最后一个版本
verify-after-unrendered = { $after } 只含验证数据；无法渲染比对（{ $problem }）
verify-after-ok = { $after } 只添加了验证数据，每页渲染结果与最后一个签名时相同
verify-empty-fields = 空签名域：{ $fields }
verify-borrower-named = 借款人证书上的姓名与客户一致

## 人脸画面

face-none = 未找到人脸：请在光线充足处正视摄像头。
face-several = 画面中有 { $faces } 张人脸：画面中只能有客户本人。
face-one = 一张人脸。
face-size-ok = 人脸大小合适。
face-too-small = 人脸太小（宽 { $width } 像素，至少 { $min }）：请靠近摄像头。
face-inside = 人脸在画面内。
face-cut = 人脸超出画面边缘：请移到画面中间。
face-frontal = 人脸为正脸。
face-not-frontal = 请正视摄像头并保持头部端正（转动 { $turn }，倾斜 { $tilt } 度）。
face-sharp = 画面清晰。
face-blurred = 画面模糊（清晰度 { $sharpness }，至少 { $min }）：请保持不动、擦拭镜头或等待对焦。
face-too-dark = 人脸太暗（亮度 { $brightness }，至少 { $min }）：请在客户前方补光，或让客户面向窗户。
face-too-bright = 人脸太亮（亮度 { $brightness }，至多 { $max }）：请避开直射光。
face-low-contrast = 人脸对比度不足（{ $contrast }，至少 { $min }）：请避免客户背后的光线，并擦拭镜头。
face-light-ok = 光线良好。
face-good = 人脸画面良好。

## 摄像头与视频

camera-none = { $camera }没有响应：请插好摄像头、关闭占用它的其他程序，或在设置中选择其他摄像头（ui.camera）。
camera-lost = 摄像头停止传送画面（{ $camera }）：请检查连线后重试，或由柜员放行后继续。
video-missing = 视频 { $video } 不存在：请检查路径。
video-unopenable = 视频 { $video } 无法打开：不是工作站能读取的视频文件，或文件已损坏。
source-camera = 摄像头 { $device }
source-camera-stream = 摄像头视频流
source-video = 视频 { $name }
source-pictures = 文件夹 { $name } 中的图片
source-picture = 图片 { $name }
source-closed = { $source } 已关闭。
frame-undecodable = { $source } 的第 { $frame } 帧无法解码，已跳过。
video-ended = { $source } 没有更多画面。
pictures-missing = { $path } 不存在：请提供图片文件夹或图片文件。
pictures-none = 文件夹 { $folder } 中没有图片（{ $suffixes }）。
pictures-closed = { $source } 已关闭。
pictures-ended = { $source }：没有更多图片。
picture-unreadable = 无法读取 { $file }（{ $problem }），已跳过。
picture-undecodable = { $file } 不是可解码的图片，已跳过。

## 活体检测

liveness-blink = 请慢慢眨一次眼。
liveness-turn-left = 请慢慢向左转头，再转回来。
liveness-turn-right = 请慢慢向右转头，再转回来。
liveness-look = 请正视摄像头。
liveness-several-faces = 检测过程中出现了 { $faces } 张人脸：画面中只能有客户本人。
liveness-face-left = 检测过程中人脸离开了画面：请重新开始。
liveness-not-started = 活体检测未开始：未检测到稳定的正脸。
liveness-stopped = 在检测到“{ $action ->
    [blink] 眨眼
    [turn_left] 向左转头
    [turn_right] 向右转头
   *[other] { $action }
 }”之前检测已停止。
liveness-confirmed = 活体确认：所有要求的动作均已检测到。
liveness-wrong-way = 头部转向了相反方向（要求：向客户的{ $side ->
    [left] 左
   *[right] 右
 }转）：请重新开始检测。
liveness-no-blink = { $seconds } 秒内未检测到眨眼（睁眼程度降至正常的 { $openness }，眨眼须低于 { $needed }）
liveness-no-turn = { $seconds } 秒内未检测到转头（转动 { $moved }，至少 { $needed }）
liveness-not-confirmed = 活体未确认：{ $detail }。照片或静止视频无法通过；请重新开始。

## 人脸比对

card-photo-undecodable = 证件照无法解码：请重新读取证件。
card-photo-too-small = 证件照太小，无法比对（宽 { $width } 像素，至少 { $min }）：请靠近拍摄证件，或以 300 dpi 扫描。
card-photo-no-face = 证件照中未找到人脸：请将证件放平、避免反光后重新读取。
card-photo-several-faces = 证件照中有不止一张人脸：请只裁取证件上的人像。
card-photo-face-too-small = 证件照上的人脸太小，无法比对（宽 { $width } 像素，至少 { $min }）：请靠近拍摄证件，或以 300 dpi 扫描。
face-no-live-picture = 没有可用的现场人脸画面。
face-same-person = 同一人：距离 { $distance } 未超过阈值 { $threshold }（{ $frames } 帧现场画面的平均值）。
face-other-person = 非同一人：距离 { $distance } 超过阈值 { $threshold }（{ $frames } 帧现场画面的平均值）。请亲自核对客户与证件。
face-no-picture = 摄像头没有传来画面。
face-frames-undecodable = { $frames } 帧画面无法解码，且未见可用的人脸。{ $then }
liveness-not-run = 未进行活体检测。
