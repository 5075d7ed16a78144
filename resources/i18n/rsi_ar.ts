<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Actions</name>
    <message>
        <source>Listen to the floor</source>
        <translation>الاستماع إلى القاعة</translation>
    </message>
    <message>
        <source>Listen to the next channel</source>
        <translation>الاستماع إلى القناة التالية</translation>
    </message>
    <message>
        <source>Listen to the previous channel</source>
        <translation>الاستماع إلى القناة السابقة</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>إيقاف الاستماع</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>استماع</translation>
    </message>
    <message>
        <source>Force off whoever speaks on the channel you hear</source>
        <translation>إغلاق ميكروفون من يتكلم قسرًا على القناة التي تسمعها</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>إغلاق قسري</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>لغة القاعة</translation>
    </message>
    <message>
        <source>Set the floor language</source>
        <translation>تعيين لغة القاعة</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>كتابة رسالة</translation>
    </message>
    <message>
        <source>Acknowledge all alarms</source>
        <translation>إقرار كل الإنذارات</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>إقرار</translation>
    </message>
    <message>
        <source>Microphone on / off</source>
        <translation>الميكروفون فتح / إغلاق</translation>
    </message>
    <message>
        <source>Cough (hold)</source>
        <translation>السعال (مع الضغط المستمر)</translation>
    </message>
    <message>
        <source>Next output channel</source>
        <translation>قناة الإخراج التالية</translation>
    </message>
    <message>
        <source>Output A</source>
        <translation>الإخراج A</translation>
    </message>
    <message>
        <source>Output B</source>
        <translation>الإخراج B</translation>
    </message>
    <message>
        <source>Output C</source>
        <translation>الإخراج C</translation>
    </message>
    <message>
        <source>Listen to the relay</source>
        <translation>الاستماع إلى الترحيل</translation>
    </message>
    <message>
        <source>Pre-select the next relay</source>
        <translation>اختيار مسبق لقناة الترحيل التالية</translation>
    </message>
    <message>
        <source>Pre-select the previous relay</source>
        <translation>اختيار مسبق لقناة الترحيل السابقة</translation>
    </message>
    <message>
        <source>Pre-select a relay</source>
        <translation>اختيار مسبق لقناة ترحيل</translation>
    </message>
    <message>
        <source>Auto-relay on/off</source>
        <translation>الترحيل التلقائي تشغيل/إيقاف</translation>
    </message>
    <message>
        <source>Offer the handover</source>
        <translation>عرض التسليم</translation>
    </message>
    <message>
        <source>Request the handover</source>
        <translation>طلب التسليم</translation>
    </message>
    <message>
        <source>Accept the handover</source>
        <translation>قبول التسليم</translation>
    </message>
    <message>
        <source>Cancel the handover</source>
        <translation>إلغاء التسليم</translation>
    </message>
    <message>
        <source>Ask the speaker to slow down</source>
        <translation>الطلب من المتحدث الإبطاء</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>رفع الصوت</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>خفض الصوت</translation>
    </message>
    <message>
        <source>Set the volume</source>
        <translation>ضبط مستوى الصوت</translation>
    </message>
    <message>
        <source>Relay volume up (floor and relay in an ear each)</source>
        <translation>رفع صوت الترحيل (القاعة والترحيل كلٌّ في أذن)</translation>
    </message>
    <message>
        <source>Relay volume down (floor and relay in an ear each)</source>
        <translation>خفض صوت الترحيل (القاعة والترحيل كلٌّ في أذن)</translation>
    </message>
    <message>
        <source>Set the relay volume</source>
        <translation>ضبط صوت الترحيل</translation>
    </message>
    <message>
        <source>Bass up</source>
        <translation>رفع الجهير</translation>
    </message>
    <message>
        <source>Bass down</source>
        <translation>خفض الجهير</translation>
    </message>
    <message>
        <source>Set the bass</source>
        <translation>ضبط الجهير</translation>
    </message>
    <message>
        <source>Treble up</source>
        <translation>رفع الحدّة</translation>
    </message>
    <message>
        <source>Treble down</source>
        <translation>خفض الحدّة</translation>
    </message>
    <message>
        <source>Set the treble</source>
        <translation>ضبط الحدّة</translation>
    </message>
    <message>
        <source>Ear of what you hear: both, left, right</source>
        <translation>أذن ما تسمعه: كلتاهما، اليسرى، اليمنى</translation>
    </message>
    <message>
        <source>Set the floor ear</source>
        <translation>ضبط أذن القاعة</translation>
    </message>
    <message>
        <source>Set the relay ear</source>
        <translation>ضبط أذن الترحيل</translation>
    </message>
    <message>
        <source>Even level of the floor on/off</source>
        <translation>تشغيل/إيقاف موازنة مستوى القاعة</translation>
    </message>
    <message>
        <source>Even level of the relay on/off</source>
        <translation>تشغيل/إيقاف موازنة مستوى الترحيل</translation>
    </message>
    <message>
        <source>Even level of the booth partner on/off</source>
        <translation>تشغيل/إيقاف موازنة مستوى الزميل في المقصورة</translation>
    </message>
    <message>
        <source>Hear the booth partner on/off</source>
        <translation>سماع الزميل في المقصورة تشغيل/إيقاف</translation>
    </message>
    <message>
        <source>Partner volume up</source>
        <translation>رفع صوت الزميل</translation>
    </message>
    <message>
        <source>Partner volume down</source>
        <translation>خفض صوت الزميل</translation>
    </message>
    <message>
        <source>Set the partner volume</source>
        <translation>ضبط صوت الزميل</translation>
    </message>
    <message>
        <source>Partner ear: both, left, right</source>
        <translation>أذن الزميل: كلتاهما، اليسرى، اليمنى</translation>
    </message>
    <message>
        <source>Set the partner ear</source>
        <translation>ضبط أذن الزميل</translation>
    </message>
    <message>
        <source>Mark messages as read</source>
        <translation>تعليم الرسائل كمقروءة</translation>
    </message>
    <message>
        <source>Connect to a meeting</source>
        <translation>الاتصال باجتماع</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Headset check</source>
        <translation>فحص سماعة الرأس</translation>
    </message>
    <message>
        <source>Sound check: headset, microphone, level</source>
        <translation>فحص الصوت: سماعة الرأس، الميكروفون، المستوى</translation>
    </message>
    <message>
        <source>Next theme: light, dark, high contrast</source>
        <translation>السمة التالية: فاتحة، داكنة، تباين عالٍ</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>حول وحدة تحكم RSI</translation>
    </message>
    <message>
        <source>Next language</source>
        <translation>اللغة التالية</translation>
    </message>
    <message>
        <source>Previous language</source>
        <translation>اللغة السابقة</translation>
    </message>
    <message>
        <source>Report: no sound</source>
        <translation>إبلاغ: لا يوجد صوت</translation>
    </message>
    <message>
        <source>Report: poor sound</source>
        <translation>إبلاغ: الصوت رديء</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>اختيار لغة</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>إرسال رسالة</translation>
    </message>
</context>
<context>
    <name>AirButton</name>
    <message>
        <source>ON AIR</source>
        <translation>على الهواء</translation>
    </message>
    <message>
        <source>speaking on {0}</source>
        <translation>يتكلم على {0}</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>مكتوم</translation>
    </message>
    <message>
        <source>cough: {0} hears nothing</source>
        <translation>سعال: {0} لا يسمع شيئًا</translation>
    </message>
    <message>
        <source>NOT HEARD?</source>
        <translation>ربما لا يُسمع؟</translation>
    </message>
    <message>
        <source>no sound from the hub: {0} may hear nothing of you</source>
        <translation>لا صوت من الخادم: قد لا تسمعك {0} شيئًا</translation>
    </message>
    <message>
        <source>TAKING THE AIR…</source>
        <translation>جارٍ فتح الميكروفون…</translation>
    </message>
    <message>
        <source>waiting for the hub: {0}</source>
        <translation>في انتظار الخادم: {0}</translation>
    </message>
    <message>
        <source>OFF AIR</source>
        <translation>الميكروفون مغلق</translation>
    </message>
    <message>
        <source>microphone off</source>
        <translation>الميكروفون مغلق</translation>
    </message>
    <message>
        <source>Microphone: {0}</source>
        <translation>الميكروفون: {0}</translation>
    </message>
    <message>
        <source>{0}. Press to switch the microphone on or off ({1}).</source>
        <translation>{0}. اضغط لفتح الميكروفون أو إغلاقه ({1}).</translation>
    </message>
</context>
<context>
    <name>AirPanel</name>
    <message>
        <source>Cough (hold to mute)</source>
        <translation>السعال (اضغط باستمرار للكتم)</translation>
    </message>
    <message>
        <source>Cough — hold</source>
        <translation>السعال — اضغط باستمرار</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>الإخراج:</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Floor level</source>
        <translation>مستوى القاعة</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>الترحيل</translation>
    </message>
    <message>
        <source>Relay level</source>
        <translation>مستوى الترحيل</translation>
    </message>
    <message>
        <source>My mic</source>
        <translation>ميكروفوني</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>مستوى ميكروفوني</translation>
    </message>
    <message>
        <source>Out L</source>
        <translation>إخراج ي</translation>
    </message>
    <message>
        <source>Output level, left ear</source>
        <translation>مستوى الإخراج، الأذن اليسرى</translation>
    </message>
    <message>
        <source>Out R</source>
        <translation>إخراج م</translation>
    </message>
    <message>
        <source>Output level, right ear</source>
        <translation>مستوى الإخراج، الأذن اليمنى</translation>
    </message>
    <message>
        <source>Hearing protection</source>
        <translation>حماية السمع</translation>
    </message>
    <message>
        <source>engaged: {0}</source>
        <translation>مشغولة: {0}</translation>
    </message>
    <message>
        <source>our booth on air</source>
        <translation>مقصورتنا على الهواء</translation>
    </message>
    <message>
        <source>free</source>
        <translation>متاحة</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (غير محدَّث: الخادم لا يُسمع)</translation>
    </message>
    <message>
        <source>Output {0}, channel {1}</source>
        <translation>الإخراج {0}، القناة {1}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>Alarms</source>
        <translation>الإنذارات</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>الإنذارات النشطة</translation>
    </message>
    <message>
        <source>&amp;Sound for new alarms</source>
        <translation>صوت للإنذارات الجديدة (&amp;S)</translation>
    </message>
    <message>
        <source>Sound for new alarms</source>
        <translation>صوت للإنذارات الجديدة</translation>
    </message>
    <message>
        <source>Alarm: {0}</source>
        <translation>إنذار: {0}</translation>
    </message>
    <message>
        <source>{0} ({1} times)</source>
        <translation>{0} ({1} مرات)</translation>
    </message>
    <message>
        <source>Alarms ({0} new)</source>
        <translation>الإنذارات ({0} جديدة)</translation>
    </message>
</context>
<context>
    <name>Alarms</name>
    <message>
        <source>{who} asks the speaker to slow down</source>
        <translation>{who} يطلب من المتحدث الإبطاء</translation>
    </message>
    <message>
        <source>{who} reports poor sound</source>
        <translation>{who} يبلغ عن صوت رديء</translation>
    </message>
    <message>
        <source>{who} needs help</source>
        <translation>{who} يحتاج إلى مساعدة</translation>
    </message>
    <message>
        <source>{who} has no sound</source>
        <translation>{who} لا يصله صوت</translation>
    </message>
    <message>
        <source>{channel}: {name} is on air, but nothing has been heard for {seconds} s while the floor speaks</source>
        <translation>{channel}: {name} على الهواء، لكن لم يُسمع شيء منذ {seconds} ث بينما يتكلم المتحدث في القاعة</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s</source>
        <translation>القاعة صامتة منذ {seconds} ث</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s: no floor source is on air</source>
        <translation>القاعة صامتة منذ {seconds} ث: لا يوجد مصدر للقاعة على الهواء</translation>
    </message>
    <message>
        <source>{name} ({booth}) lost the connection while on air on {channel}</source>
        <translation>{name} ({booth}) فقد الاتصال وهو على الهواء على {channel}</translation>
    </message>
    <message>
        <source>The {platform} gateway is disconnected: the floor from {platform} is silent</source>
        <translation>بوابة {platform} غير متصلة: صوت القاعة القادم من {platform} صامت</translation>
    </message>
    <message>
        <source>{name} ({booth}) has been on air for over {minutes} minutes: time to hand over</source>
        <translation>{name} ({booth}) على الهواء منذ أكثر من {minutes} دقيقة: حان وقت التسليم</translation>
    </message>
    <message>
        <source>The hub restarted and the floor language went back to the meeting&apos;s default, {language}: set it again if needed</source>
        <translation>أُعيد تشغيل الخادم وعادت لغة القاعة إلى اللغة الافتراضية للاجتماع، {language}: عيِّنها من جديد إذا لزم الأمر</translation>
    </message>
</context>
<context>
    <name>BoothTable</name>
    <message>
        <source>Booths</source>
        <translation>المقصورات</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>المقصورة</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأعضاء</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>على الهواء</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>التسليم</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>النوبة</translation>
    </message>
    <message>
        <source> (offline)</source>
        <translation> (غير متصل)</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} على {1}</translation>
    </message>
    <message>
        <source>{0} offers to {1}</source>
        <translation>{0} يعرض على {1}</translation>
    </message>
    <message>
        <source>{0} asks {1}</source>
        <translation>{0} يطلب من {1}</translation>
    </message>
</context>
<context>
    <name>ChannelGrid</name>
    <message>
        <source>Channels</source>
        <translation>القنوات</translation>
    </message>
</context>
<context>
    <name>ChannelStrip</name>
    <message>
        <source>Channel {0}</source>
        <translation>القناة {0}</translation>
    </message>
    <message>
        <source>Level of channel {0}</source>
        <translation>مستوى القناة {0}</translation>
    </message>
    <message>
        <source>On air on {0}</source>
        <translation>على الهواء على {0}</translation>
    </message>
    <message>
        <source>Source of {0}</source>
        <translation>مصدر {0}</translation>
    </message>
    <message>
        <source>Listeners of {0}</source>
        <translation>مستمعو {0}</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>استماع</translation>
    </message>
    <message>
        <source>Listen to {0}</source>
        <translation>الاستماع إلى {0}</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>إغلاق قسري</translation>
    </message>
    <message>
        <source>Force off the speaker of {0}</source>
        <translation>إغلاق ميكروفون المتكلم على {0} قسرًا</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0} (cough)</source>
        <translation>{0} (سعال)</translation>
    </message>
    <message>
        <source>floor: no interpreter</source>
        <translation>القاعة: لا يوجد مترجم</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>لا أحد على الهواء</translation>
    </message>
    <message>
        <source>the floor, as it is</source>
        <translation>القاعة كما هي</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} يستمعون</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>قيد الاستماع</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>the floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Floor ({0})</source>
        <translation>القاعة ({0})</translation>
    </message>
    <message>
        <source>on air: {0}</source>
        <translation>على الهواء: {0}</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>لا أحد على الهواء</translation>
    </message>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>لا أحد على الهواء، تنقل القاعة</translation>
    </message>
    <message>
        <source>{0} (not listening)</source>
        <translation>{0} (لا يُستمع إليها)</translation>
    </message>
    <message>
        <source>live</source>
        <translation>فيها صوت</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>صامتة</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} يستمعون</translation>
    </message>
    <message>
        <source>your output</source>
        <translation>إخراجك</translation>
    </message>
    <message>
        <source>Your output, {0}: {1} listening</source>
        <translation>إخراجك، {0}: {1} يستمعون</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Messages</source>
        <translation>الرسائل</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>الرسائل الواردة</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>المستلم</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Write to the booths…</source>
        <translation>اكتب إلى المقصورات…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>الجميع</translation>
    </message>
    <message>
        <source>Booth {0}</source>
        <translation>المقصورة {0}</translation>
    </message>
    <message>
        <source>{0} {1} → {2}: {3}</source>
        <translation>{0} {1} ← {2}: {3}</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>Your token has expired. Ask the organiser of the meeting for a new one.</source>
        <translation>انتهت صلاحية رمز دخولك. اطلب رمزًا جديدًا من الجهة المنظمة للاجتماع.</translation>
    </message>
    <message>
        <source>The hub refused your token. Check that you copied all of it, or ask the organiser for a new one.</source>
        <translation>رفض الخادم رمز الدخول. تحقّق من أنك نسخته كاملًا، أو اطلب رمزًا جديدًا من الجهة المنظمة.</translation>
    </message>
    <message>
        <source>This hub runs another meeting than the one your token is for ({0}). Check that the address and the token come from the same invitation.</source>
        <translation>يستضيف هذا الخادم اجتماعًا غير الذي صدر له رمز دخولك ({0}). تحقّق من أن العنوان والرمز من الدعوة نفسها.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the address and your network connection; if both are right, the hub may not be running yet: ask the organiser.</source>
        <translation>تعذّر الوصول إلى الخادم. تحقّق من العنوان ومن اتصالك بالشبكة؛ وإذا كان كلاهما صحيحًا فربما لم يبدأ الخادم بعد: اسأل الجهة المنظمة.</translation>
    </message>
    <message>
        <source>There is no meeting hub at this address. Check the address: it usually starts with wss:// and ends with /v1.</source>
        <translation>لا يوجد خادم اجتماعات على هذا العنوان. تحقّق من العنوان: يبدأ عادةً بـ wss:// وينتهي بـ /v1.</translation>
    </message>
    <message>
        <source>The meeting has no booth for your token. Ask the organiser for a token for one of its booths.</source>
        <translation>لا توجد في الاجتماع مقصورة لرمز دخولك. اطلب من الجهة المنظمة رمزًا لإحدى مقصوراته.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>أُلغي الاتصال.</translation>
    </message>
    <message>
        <source>This address is not encrypted (ws://) and leads to another computer: your token would cross the network in clear. Use the hub&apos;s wss:// address.</source>
        <translation>هذا العنوان غير مشفّر (ws://) ويؤدي إلى حاسوب آخر: سيعبر رمز دخولك الشبكة دون تشفير. استخدم عنوان wss:// للخادم.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent. If the meeting uses its own certificate authority, ask the organiser for its CA file and give it as the CA certificate file.</source>
        <translation>تعذّر التحقق من شهادة الخادم، فلم يُرسل شيء. إذا كان للاجتماع مرجع تصديق خاص به، فاطلب ملف المرجع من الجهة المنظمة وحدّده بوصفه ملف شهادة مرجع التصديق.</translation>
    </message>
    <message>
        <source>The hub closed the connection before letting you in. Try again; if it happens again, tell the technician.</source>
        <translation>أغلق الخادم الاتصال قبل السماح لك بالدخول. أعد المحاولة؛ وإذا تكرر ذلك فأبلغ الفني.</translation>
    </message>
    <message>
        <source>You left the meeting.</source>
        <translation>غادرت الاجتماع.</translation>
    </message>
    <message>
        <source>You joined this meeting from another window or computer, so this one was disconnected.</source>
        <translation>انضممت إلى هذا الاجتماع من نافذة أخرى أو حاسوب آخر، فقُطع اتصال هذه النافذة.</translation>
    </message>
    <message>
        <source>The hub disconnected this console because it sent too many requests. Tell the technician.</source>
        <translation>قطع الخادم اتصال هذه الوحدة لأنها أرسلت طلبات كثيرة جدًا. أبلغ الفني.</translation>
    </message>
    <message>
        <source>The hub is shutting down. Reconnecting when it is back…</source>
        <translation>الخادم يتوقف عن العمل. ستُعاد المحاولة حين يعود…</translation>
    </message>
    <message>
        <source>The connection to the hub was lost. Reconnecting…</source>
        <translation>انقطع الاتصال بالخادم. جارٍ إعادة الاتصال…</translation>
    </message>
    <message>
        <source>The hub ended the connection.</source>
        <translation>أنهى الخادم الاتصال.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a meeting</source>
        <translation>الاتصال باجتماع</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>رابط الاجتماع</translation>
    </message>
    <message>
        <source>Paste the link from your invitation: it fills in the address and token.</source>
        <translation>الصق الرابط من دعوتك: يملأ العنوان ورمز الدخول.</translation>
    </message>
    <message>
        <source>rsi://… or wss://…#token=… or https://…?hub=…</source>
        <translation>rsi://… أو wss://…#token=… أو https://…?hub=…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>For example wss://hub.example.org/v1. Several addresses of one meeting, separated by commas, are tried in turn.</source>
        <translation>مثلاً wss://hub.example.org/v1. إذا أُدخلت عدة عناوين للاجتماع نفسه مفصولة بفواصل، فستُجرَّب واحداً تلو الآخر.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>رمز الدخول</translation>
    </message>
    <message>
        <source>The token from your invitation</source>
        <translation>رمز الدخول من دعوتك</translation>
    </message>
    <message>
        <source>S&amp;how the token</source>
        <translation>إظهار رمز الدخول (&amp;H)</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>إظهار رمز الدخول</translation>
    </message>
    <message>
        <source>&amp;Keep the token on this computer (not encrypted)</source>
        <translation>حفظ رمز الدخول على هذا الحاسوب (غير مشفّر) (&amp;K)</translation>
    </message>
    <message>
        <source>Keep the token on this computer</source>
        <translation>حفظ رمز الدخول على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Anyone who can read your settings file can then join as you until it expires.</source>
        <translation>عندئذ يستطيع كل من يقرأ ملف إعداداتك أن ينضم باسمك إلى أن تنتهي صلاحيته.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>ملف شهادة مرجع التصديق</translation>
    </message>
    <message>
        <source>Only if the meeting has its own certificate authority: the PEM file from the organiser. Leave empty for a hub with a public certificate.</source>
        <translation>فقط إذا كان للاجتماع مرجع تصديق خاص به: ملف PEM من الجهة المنظمة. اتركه فارغًا لخادم ذي شهادة عامة.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>استعراض… (&amp;B)</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>اختيار ملف شهادة مرجع التصديق</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection to another computer</source>
        <translation>السماح باتصال غير مشفّر بحاسوب آخر (&amp;U)</translation>
    </message>
    <message>
        <source>Allow unencrypted connection to another computer</source>
        <translation>السماح باتصال غير مشفّر بحاسوب آخر</translation>
    </message>
    <message>
        <source>Warning: with ws:// your token and your voice cross the network in clear; anyone on the way can listen and join as you. Only on a network you trust.</source>
        <translation>تحذير: مع ws:// يعبر رمز دخولك وصوتك الشبكة دون تشفير؛ ويستطيع أي شخص على الطريق أن يستمع وينضم باسمك. على شبكة تثق بها فقط.</translation>
    </message>
    <message>
        <source>Remembered meetings</source>
        <translation>الاجتماعات المحفوظة</translation>
    </message>
    <message>
        <source>Choose one to fill in its address; Enter connects.</source>
        <translation>اختر اجتماعًا لملء عنوانه؛ ومفتاح Enter يتصل.</translation>
    </message>
    <message>
        <source>&amp;Forget this meeting</source>
        <translation>نسيان هذا الاجتماع (&amp;F)</translation>
    </message>
    <message>
        <source>Forget the selected meeting</source>
        <translation>نسيان الاجتماع المحدد</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>حالة الاتصال</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>اتصال (&amp;C)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>اتصال</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>رابط الاجتماع (&amp;L):</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>عنوان الخادم (&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>رمز الدخول (&amp;T):</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate file:</source>
        <translation>ملف شهادة مرجع التصديق (&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Remembered meetings:</source>
        <translation>الاجتماعات المحفوظة (&amp;R):</translation>
    </message>
    <message>
        <source>On a network you trust, you may tick “Allow unencrypted connection to another computer” instead.</source>
        <translation>على شبكة تثق بها، يمكنك بدلًا من ذلك تحديد «السماح باتصال غير مشفّر بحاسوب آخر».</translation>
    </message>
    <message>
        <source>The CA certificate file {0} does not exist. Choose the file the organiser gave you, or leave the field empty.</source>
        <translation>ملف شهادة مرجع التصديق {0} غير موجود. اختر الملف الذي أعطتك إياه الجهة المنظمة، أو اترك الحقل فارغًا.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>جارٍ الاتصال بـ {0}…</translation>
    </message>
    <message>
        <source>The link is complete: press Connect.</source>
        <translation>الرابط كامل: اضغط «اتصال».</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>الشهادات (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>اختر اجتماعًا من القائمة أولًا.</translation>
    </message>
    <message>
        <source>{0} is forgotten.</source>
        <translation>نُسي {0}.</translation>
    </message>
    <message>
        <source>{0} ({1}, last used {2})</source>
        <translation>{0} ({1}، آخر استخدام {2})</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>pictures of the console&apos;s window, {0} per second;</source>
        <translation>صور لنافذة وحدة التحكم، {0} في الثانية؛</translation>
    </message>
    <message>
        <source>no pictures of the window;</source>
        <translation>لا صور للنافذة؛</translation>
    </message>
    <message>
        <source>You are taking part in a usability study of this interpreting console. While the session runs, it records:</source>
        <translation>أنت تشارك في دراسة لسهولة استخدام وحدة التحكم هذه للترجمة الفورية. أثناء الجلسة، تسجّل:</translation>
    </message>
    <message>
        <source>- what you hear in your headset and what you say into your microphone;</source>
        <translation>- ما تسمعه في سماعة الرأس وما تقوله في الميكروفون؛</translation>
    </message>
    <message>
        <source>- every key you press and every control you use in the console;</source>
        <translation>- كل مفتاح تضغطه وكل عنصر تحكم تستخدمه في وحدة التحكم؛</translation>
    </message>
    <message>
        <source>- your answers to a few questions at the end.</source>
        <translation>- إجاباتك عن بضعة أسئلة في النهاية.</translation>
    </message>
    <message>
        <source>Everything stays on this computer, in the folder {0}. Nothing is sent anywhere. The report names you by a pseudonym only.</source>
        <translation>يبقى كل شيء على هذا الحاسوب، في المجلد {0}. لا يُرسل أي شيء إلى أي مكان. لا يذكرك التقرير إلا باسم مستعار.</translation>
    </message>
    <message>
        <source>You may stop at any time: close the window, and tell the researcher whether to delete what was recorded.</source>
        <translation>يمكنك التوقف في أي وقت: أغلق النافذة، وأخبر الباحث هل يحذف ما سُجّل.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Before the study starts</source>
        <translation>قبل بدء الدراسة</translation>
    </message>
    <message>
        <source>Consent to the study</source>
        <translation>الموافقة على الدراسة</translation>
    </message>
    <message>
        <source>What the study records</source>
        <translation>ما تسجّله الدراسة</translation>
    </message>
    <message>
        <source>Recordings are kept in: {0}</source>
        <translation>تُحفظ التسجيلات في: {0}</translation>
    </message>
    <message>
        <source>I &amp;do not agree: stop here</source>
        <translation>لا أوافق: توقّف هنا (&amp;D)</translation>
    </message>
    <message>
        <source>Decline: nothing is recorded</source>
        <translation>الرفض: لا يُسجّل أي شيء</translation>
    </message>
    <message>
        <source>I &amp;agree: start the session</source>
        <translation>أوافق: ابدأ الجلسة (&amp;A)</translation>
    </message>
    <message>
        <source>Agree and start the session</source>
        <translation>الموافقة وبدء الجلسة</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>RSI console</source>
        <translation>وحدة تحكم RSI</translation>
    </message>
    <message>
        <source>Interpreter console</source>
        <translation>وحدة تحكم المترجم الفوري</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>اتصال…</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>حول وحدة تحكم RSI</translation>
    </message>
    <message>
        <source>RSI console: remote simultaneous interpretation, free software. Every action is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys.</source>
        <translation>وحدة تحكم RSI: ترجمة فورية عن بُعد، برنامج حر. كل إجراء موجود في القوائم مع مفتاحه؛ ومن مساعدة ▸ اختصارات لوحة المفاتيح تُغيَّر المفاتيح.</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>unknown</source>
        <translation>غير معروفة</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>بوابة</translation>
    </message>
    <message>
        <source>Gateway · {0}</source>
        <translation>بوابة · {0}</translation>
    </message>
    <message>
        <source>loop: {0}</source>
        <translation>حلقة: {0}</translation>
    </message>
    <message>
        <source>no source: {0}</source>
        <translation>بلا مصدر: {0}</translation>
    </message>
    <message>
        <source>original</source>
        <translation>الأصل</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>القاعة</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>RSI console – coordinator</source>
        <translation>وحدة تحكم RSI – المنسق</translation>
    </message>
    <message>
        <source>Coordinator console</source>
        <translation>وحدة تحكم المنسق</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>الاجتماع</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <source>&amp;Floor language:</source>
        <translation>لغة القاعة (&amp;F):</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>لغة القاعة</translation>
    </message>
    <message>
        <source>Who set the floor language</source>
        <translation>من عيَّن لغة القاعة</translation>
    </message>
    <message>
        <source>Listening to</source>
        <translation>يستمع إلى</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>المستمعون</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>{0} listeners</source>
        <translation>{0} مستمع</translation>
    </message>
    <message>
        <source>Listening to {0}</source>
        <translation>يستمع إلى {0}</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>لا يستمع</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>جارٍ الاتصال</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>متصل</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>جارٍ إعادة الاتصال</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>انقطع الاتصال</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>غير معيَّنة</translation>
    </message>
</context>
<context>
    <name>Ear</name>
    <message>
        <source>both ears</source>
        <translation>كلتا الأذنين</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>الأذن اليسرى</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>الأذن اليمنى</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Sound check</source>
        <translation>فحص الصوت</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; السابق (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>التالي (&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>إنهاء (&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>&amp;Skip the check</source>
        <translation>تخطي الفحص (&amp;S)</translation>
    </message>
    <message>
        <source>1. Your headset and microphone</source>
        <translation>1. سماعة رأسك وميكروفونك</translation>
    </message>
    <message>
        <source>Plug in your headset, then choose it and its microphone. A USB headset with a microphone close to your mouth sounds best; the computer&apos;s own loudspeakers and microphone are not fit for interpreting.</source>
        <translation>وصّل سماعة رأسك، ثم اخترها واختر ميكروفونها. أفضل صوت تعطيه سماعة USB بميكروفون قريب من الفم؛ أما مكبرات صوت الحاسوب وميكروفونه فلا تصلح للترجمة الفورية.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>الميكروفون</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>سماعة الرأس</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>حالة الأجهزة</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>سماعة الرأس (&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>الميكروفون (&amp;M):</translation>
    </message>
    <message>
        <source>2. Hear the reference voice</source>
        <translation>2. استمع إلى الصوت المرجعي</translation>
    </message>
    <message>
        <source>The headset check plays a voice at the level of every meeting; you set it comfortable, and hearing protection learns how loud your headset plays.</source>
        <translation>يشغّل فحص سماعة الرأس صوتًا بشريًا بمستوى كل اجتماع؛ تضبطه على مستوى مريح، فتعرف حماية السمع مدى ارتفاع صوت سماعتك.</translation>
    </message>
    <message>
        <source>&amp;Open the headset check…</source>
        <translation>فتح فحص سماعة الرأس… (&amp;O)</translation>
    </message>
    <message>
        <source>Open the headset check</source>
        <translation>فتح فحص سماعة الرأس</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>حالة فحص سماعة الرأس</translation>
    </message>
    <message>
        <source>3. Speak and watch your microphone</source>
        <translation>3. تكلّم وراقب ميكروفونك</translation>
    </message>
    <message>
        <source>Speak as you do in the booth: the bar should move well into its upper half. If it stays still, go back and choose another microphone.</source>
        <translation>تكلّم كما تتكلم في المقصورة: يجب أن يرتفع الشريط جيدًا إلى نصفه الأعلى. إن لم يتحرك، فارجع واختر ميكروفونًا آخر.</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>لا إشارة</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>مستوى الميكروفون</translation>
    </message>
    <message>
        <source>4. Ready</source>
        <translation>4. جاهز</translation>
    </message>
    <message>
        <source>Your sound is set. To join a meeting, press Connect in the window or choose {0}, and paste the hub address and the token the organiser sent you. To run this check again: {1}.</source>
        <translation>ضُبط صوتك. للانضمام إلى اجتماع، اضغط «اتصال» في النافذة أو اختر {0}، والصق عنوان الخادم ورمز الدخول اللذين أرسلتهما الجهة المنظمة. لإعادة هذا الفحص: {1}.</translation>
    </message>
    <message>
        <source>Done: your headset plays speech at a level you chose.</source>
        <translation>تم: تشغّل سماعتك الكلام بالمستوى الذي اخترته.</translation>
    </message>
    <message>
        <source>Not done yet: hearing protection keeps its safe default until you do it.</source>
        <translation>لم يُنجز بعد: تحتفظ حماية السمع بقيمتها الافتراضية الآمنة إلى أن تنجزه.</translation>
    </message>
</context>
<context>
    <name>FloorLanguage</name>
    <message>
        <source>(set by {0})</source>
        <translation>(عيَّنها {0})</translation>
    </message>
    <message>
        <source>(from the meeting&apos;s settings)</source>
        <translation>(من إعدادات الاجتماع)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>غير معيَّنة</translation>
    </message>
    <message>
        <source>Floor language: {0} {1}</source>
        <translation>لغة القاعة: {0} {1}</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <source>Handover</source>
        <translation>التسليم</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>الزميل في المقصورة</translation>
    </message>
    <message>
        <source>Turn timer</source>
        <translation>مؤقّت النوبة</translation>
    </message>
    <message>
        <source>Pending handover</source>
        <translation>تسليم معلَّق</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>ما العمل</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>طلب</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Partner: nobody else in the booth</source>
        <translation>الزميل: لا أحد غيرك في المقصورة</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>live, coughing</source>
        <translation>على الهواء، يسعل</translation>
    </message>
    <message>
        <source>live</source>
        <translation>على الهواء</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>يستمع</translation>
    </message>
    <message>
        <source>Partner: {0}</source>
        <translation>الزميل: {0}</translation>
    </message>
    <message>
        <source>Turn {0}</source>
        <translation>النوبة {0}</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (غير محدَّث: الخادم لا يُسمع)</translation>
    </message>
    <message>
        <source>{0} offers you the air: accept to take over</source>
        <translation>{0} يعرض عليك الميكروفون: اقبل لتتسلّمه</translation>
    </message>
    <message>
        <source>{0} asks for the air: accept to hand over</source>
        <translation>{0} يطلب الميكروفون: اقبل لتسلّمه الميكروفون</translation>
    </message>
    <message>
        <source>You offered the air to {0}: waiting</source>
        <translation>عرضت الميكروفون على {0}: في الانتظار</translation>
    </message>
    <message>
        <source>You asked {0} for the air: waiting</source>
        <translation>طلبت الميكروفون من {0}: في الانتظار</translation>
    </message>
    <message>
        <source>Press {0} to take the air</source>
        <translation>اضغط {0} لتسلّم الميكروفون</translation>
    </message>
    <message>
        <source>Press Accept to take the air</source>
        <translation>اضغط «قبول» لتسلّم الميكروفون</translation>
    </message>
    <message>
        <source>Press {0} to hand over the air</source>
        <translation>اضغط {0} لتسليم الميكروفون</translation>
    </message>
    <message>
        <source>Press Accept to hand over the air</source>
        <translation>اضغط «قبول» لتسليم الميكروفون</translation>
    </message>
</context>
<context>
    <name>HeadsetCheckDialog</name>
    <message>
        <source>Headset check</source>
        <translation>فحص سماعة الرأس</translation>
    </message>
    <message>
        <source>Put on your headset and press Play: you hear a voice at the level the console brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow keys) until it is comfortable, as you would like to hear a speaker for an hour; if it is still too quiet at the top, turn up your headset or computer. Then press Done, and leave your computer&apos;s volume where it is.</source>
        <translation>ضع سماعة الرأس واضغط «تشغيل»: ستسمع صوتًا بشريًا بالمستوى الذي توحّد عليه الوحدة كل اجتماع ({0:.0f} LUFS). اضبطه بالمنزلق (أو بمفاتيح الأسهم) حتى يصبح مريحًا، كما تحب أن تسمع متحدثًا مدة ساعة؛ وإن بقي منخفضًا جدًا في أعلى المنزلق، فارفع صوت السماعة أو الحاسوب. ثم اضغط «تم»، واترك مستوى صوت الحاسوب كما هو.</translation>
    </message>
    <message>
        <source>The console assumes that a comfortable level for speech is about {0:.0f} dB SPL (most people choose 70 to 75) and sets hearing protection from the level you choose: the ceiling, the limit for sound that stays loud, and the warning after a loud minute. If you have a sound level meter, calibrate with it in Settings instead: it is more exact.</source>
        <translation>تفترض الوحدة أن المستوى المريح للكلام نحو {0:.0f} dB SPL (يختار معظم الناس بين 70 و75)، وتضبط حماية السمع بحسب المستوى الذي تختاره: الحد الأقصى، وحد الصوت الذي يظل مرتفعًا، والتحذير بعد دقيقة مرتفعة. إذا كان لديك مقياس لمستوى الصوت فعايِر به في الإعدادات بدلًا من ذلك: فهو أدق.</translation>
    </message>
    <message>
        <source>Volume of the voice</source>
        <translation>مستوى الصوت البشري</translation>
    </message>
    <message>
        <source>Volume of the voice, in dB</source>
        <translation>مستوى الصوت البشري، بالديسيبل</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>مستوى الصوت (&amp;V):</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>حالة فحص سماعة الرأس</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>تم (&amp;D)</translation>
    </message>
    <message>
        <source>Done: calibrate from this volume</source>
        <translation>تم: المعايرة على هذا المستوى</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Sto&amp;p the voice</source>
        <translation>إيقاف الصوت البشري (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play the voice</source>
        <translation>تشغيل الصوت البشري (&amp;P)</translation>
    </message>
    <message>
        <source>The voice is stopped. Press Done to calibrate.</source>
        <translation>توقف الصوت. اضغط «تم» للمعايرة.</translation>
    </message>
    <message>
        <source>The voice plays. Set it comfortable, then press Done.</source>
        <translation>الصوت قيد التشغيل. اجعله مريحًا ثم اضغط «تم».</translation>
    </message>
    <message>
        <source>{0:+.0f} dB</source>
        <translation>{0:+.0f} dB</translation>
    </message>
</context>
<context>
    <name>InputPanel</name>
    <message>
        <source>Input</source>
        <translation>الإدخال</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>الترحيل</translation>
    </message>
    <message>
        <source>Relay:</source>
        <translation>الترحيل:</translation>
    </message>
    <message>
        <source>Pre-selected relay channel</source>
        <translation>قناة الترحيل المختارة مسبقًا</translation>
    </message>
    <message>
        <source>Relay quality</source>
        <translation>جودة الترحيل</translation>
    </message>
    <message>
        <source>Auto-relay</source>
        <translation>الترحيل التلقائي</translation>
    </message>
    <message>
        <source>The input follows the best source as the floor language changes</source>
        <translation>يتبع الإدخال أفضل مصدر كلما تغيّرت لغة القاعة</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>لغة القاعة</translation>
    </message>
    <message>
        <source>Why this source</source>
        <translation>سبب اختيار هذا المصدر</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>ما تسمعه</translation>
    </message>
    <message>
        <source>Your audience</source>
        <translation>جمهورك</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>القنوات</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>مستوى الصوت</translation>
    </message>
    <message>
        <source>Relay volume</source>
        <translation>مستوى صوت الترحيل</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>الجهير</translation>
    </message>
    <message>
        <source>Treble</source>
        <translation>الحدّة</translation>
    </message>
    <message>
        <source>Floor ear</source>
        <translation>أذن القاعة</translation>
    </message>
    <message>
        <source>Relay ear</source>
        <translation>أذن الترحيل</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>الزميل في المقصورة</translation>
    </message>
    <message>
        <source>Hear my booth&apos;s output</source>
        <translation>سماع إخراج مقصورتي</translation>
    </message>
    <message>
        <source>Ear</source>
        <translation>الأذن</translation>
    </message>
    <message>
        <source>Even level of the floor</source>
        <translation>موازنة مستوى القاعة</translation>
    </message>
    <message>
        <source>Even level of the relay</source>
        <translation>موازنة مستوى الترحيل</translation>
    </message>
    <message>
        <source>Even level of the booth partner</source>
        <translation>موازنة مستوى الزميل في المقصورة</translation>
    </message>
    <message>
        <source>Even level</source>
        <translation>موازنة المستوى</translation>
    </message>
    <message>
        <source>Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at most {1:g} dB; the meters show it as it arrives</source>
        <translation>يضبط هذا المدخل على شدة الصوت المشتركة ({0:g} LUFS) بكسب بطيء لا يتجاوز {1:g} ديسيبل؛ وتعرضه المقاييس كما يصل</translation>
    </message>
    <message>
        <source>Floor volume</source>
        <translation>مستوى صوت القاعة</translation>
    </message>
    <message>
        <source>Keys: {0} louder, {1} softer</source>
        <translation>المفاتيح: {0} للرفع، {1} للخفض</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>You hear: nothing</source>
        <translation>تسمع: لا شيء</translation>
    </message>
    <message>
        <source>You hear: the floor</source>
        <translation>تسمع: القاعة</translation>
    </message>
    <message>
        <source>You hear: the floor in your {0}, relay from {1} in your {2}</source>
        <translation>تسمع: القاعة في {0}، والترحيل من {1} في {2}</translation>
    </message>
    <message>
        <source>You hear: relay from {0} ({1})</source>
        <translation>تسمع: ترحيلًا من {0} ({1})</translation>
    </message>
    <message>
        <source>on</source>
        <translation>مشغلة</translation>
    </message>
    <message>
        <source>off</source>
        <translation>متوقفة</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>الصينية</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>الهولندية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>French</source>
        <translation>الفرنسية</translation>
    </message>
    <message>
        <source>German</source>
        <translation>الألمانية</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>اليونانية</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>العبرية</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>الهندية</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>الإيطالية</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>اليابانية</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>الكورية</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>الفارسية</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>البولندية</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>البرتغالية</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>الروسية</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>الإسبانية</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>السويدية</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>التركية</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>الأوكرانية</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>peak {0:.0f} dBFS, average {1:.0f} dBFS{2}</source>
        <translation>الذروة {0:.0f} dBFS، المتوسط {1:.0f} dBFS{2}</translation>
    </message>
    <message>
        <source>, clipping</source>
        <translation>، تشبّع</translation>
    </message>
</context>
<context>
    <name>ListenerWindow</name>
    <message>
        <source>RSI console – listener</source>
        <translation>وحدة تحكم RSI – المستمع</translation>
    </message>
    <message>
        <source>Listener console</source>
        <translation>وحدة تحكم المستمع</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>الاجتماع</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>اللغة (&amp;L):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Level of what you hear</source>
        <translation>مستوى ما تسمعه</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>ما تسمعه</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>No interpreter is on air in this language: you hear the floor (the speaker&apos;s own language)</source>
        <translation>لا يوجد مترجم على الهواء بهذه اللغة: أنت تسمع القاعة (لغة المتحدث نفسه)</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>اختيار لغة</translation>
    </message>
    <message>
        <source>You hear {0}</source>
        <translation>تسمع {0}</translation>
    </message>
    <message>
        <source>Floor (original)</source>
        <translation>القاعة (الأصل)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Meeting</source>
        <translation>الاجتماع (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>الصوت (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>العرض (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>مساعدة (&amp;H)</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>شريط القوائم</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Messages</source>
        <translation>الرسائل</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>رسائل غير مقروءة</translation>
    </message>
    <message>
        <source>Message from a coordinator</source>
        <translation>رسالة من منسق</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>الرسائل الواردة</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>المقصورة</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>المنسق</translation>
    </message>
    <message>
        <source>Send the message to</source>
        <translation>إرسال الرسالة إلى</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Message… [{0}]</source>
        <translation>رسالة… [{0}]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>إرسال الرسالة</translation>
    </message>
    <message>
        <source>Slow down, please</source>
        <translation>أبطئ من فضلك</translation>
    </message>
    <message>
        <source>Asks the speaker to slow down: the coordinators and the chair see that it comes from you</source>
        <translation>يطلب من المتحدث الإبطاء: يرى المنسقون والرئيس أن الطلب منك</translation>
    </message>
    <message>
        <source>Messages — {0} unread</source>
        <translation>الرسائل — {0} غير مقروءة</translation>
    </message>
    <message>
        <source>{0} unread: {1} to read and answer</source>
        <translation>{0} غير مقروءة: {1} للقراءة والرد</translation>
    </message>
    <message>
        <source>booth</source>
        <translation>المقصورة</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: press {1} to read and answer</source>
        <translation>رسالة من {0}، المنسق: اضغط {1} للقراءة والرد</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: read and answer below</source>
        <translation>رسالة من {0}، المنسق: اقرأ ورُدّ أدناه</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: {1}</source>
        <translation>رسالة من {0}، المنسق: {1}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Connection restored: listening to {0} again.</source>
        <translation>عاد الاتصال: الاستماع إلى {0} من جديد.</translation>
    </message>
    <message>
        <source>You were on air on {0}: the microphone is off. Press it to speak again.</source>
        <translation>كنت على الهواء على {0}: الميكروفون مغلق. اضغطه لتتكلم من جديد.</translation>
    </message>
    <message>
        <source>A coordinator switched your microphone off.</source>
        <translation>أغلق أحد المنسقين ميكروفونك.</translation>
    </message>
    <message>
        <source>You have no output channel: are you in a booth?</source>
        <translation>ليست لديك قناة إخراج: هل أنت في مقصورة؟</translation>
    </message>
    <message>
        <source>“Slow down” was sent: the coordinators and the chair see that it comes from you.</source>
        <translation>أُرسل «أبطئ»: يرى المنسقون والرئيس أن الطلب منك.</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>الإعدادات غير متاحة في هذه النافذة.</translation>
    </message>
</context>
<context>
    <name>NoticesArea</name>
    <message>
        <source>Notices</source>
        <translation>الإشعارات</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>لا إشعارات</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0} (و{1} غيرها)</translation>
    </message>
    <message>
        <source>You are not in a meeting. To join one, press Connect or choose {0}.</source>
        <translation>لست في أي اجتماع. للانضمام إلى اجتماع، اضغط «اتصال» أو اختر {0}.</translation>
    </message>
    <message>
        <source>No sound card: you hear nothing (the meters and the floor keep running). Connect a headset, then choose it in {0}, page Audio.</source>
        <translation>لا توجد بطاقة صوت: لا تسمع شيئًا (المقاييس والقاعة مستمرة في العمل). وصّل سماعة رأس، ثم اخترها في {0}، صفحة «الصوت».</translation>
    </message>
    <message>
        <source>Sound card problem: {0}</source>
        <translation>مشكلة في بطاقة الصوت: {0}</translation>
    </message>
    <message>
        <source>Floor sound is poor: {0}</source>
        <translation>صوت القاعة رديء: {0}</translation>
    </message>
</context>
<context>
    <name>ParticipantTable</name>
    <message>
        <source>Participants</source>
        <translation>المشاركون</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>المقصورة</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>الوصلة</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>زمن الاستجابة</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>التذبذب</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>الفقد</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>لا تقرير بعد</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>رديئة</translation>
    </message>
    <message>
        <source>good</source>
        <translation>جيدة</translation>
    </message>
    <message>
        <source> (on air)</source>
        <translation> (على الهواء)</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>Peaks above the safe ceiling are cut off.</source>
        <translation>تُقطع الذرى التي تتجاوز الحد الأقصى الآمن.</translation>
    </message>
    <message>
        <source>The sound stays too loud, so it is turned down while it lasts.</source>
        <translation>يظل الصوت مرتفعًا جدًا، لذا يُخفض ما دام كذلك.</translation>
    </message>
    <message>
        <source>A sudden bang is being turned down.</source>
        <translation>يجري خفض صوت انفجاري مفاجئ.</translation>
    </message>
    <message>
        <source>Feedback howl is being turned down.</source>
        <translation>يجري خفض صفير التغذية الراجعة.</translation>
    </message>
    <message>
        <source>You listened loudly for a while, so the volume is lowered to rest your ears.</source>
        <translation>استمعت بصوت مرتفع مدة من الوقت، لذا خُفض الصوت لإراحة أذنيك.</translation>
    </message>
    <message>
        <source>The last safety stage is cutting peaks that got through.</source>
        <translation>تقطع مرحلة الأمان الأخيرة ذرى تسرّبت.</translation>
    </message>
    <message>
        <source>A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears.</source>
        <translation>خُفض صوت مرتفع مفاجئ ({0:.0f} dB SPL) لحماية أذنيك.</translation>
    </message>
    <message>
        <source>Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the microphone that is too close to a loudspeaker.</source>
        <translation>يجري خفض صفير التغذية الراجعة ({0:.0f} Hz). اطلب من الفني كتم الميكروفون القريب جدًا من مكبّر الصوت.</translation>
    </message>
    <message>
        <source>The feedback howl has stopped: the sound comes back.</source>
        <translation>توقف صفير التغذية الراجعة: عاد الصوت.</translation>
    </message>
    <message>
        <source>The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your volume down.</source>
        <translation>الصوت مرتفع جدًا ({0:.0f} dB SPL) ويُخفض ما دام كذلك. اخفض مستوى الصوت.</translation>
    </message>
    <message>
        <source>The sound is no longer too loud: it is back to your volume.</source>
        <translation>لم يعد الصوت مرتفعًا جدًا: عاد إلى مستواك.</translation>
    </message>
    <message>
        <source>Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered for {1} minutes to protect your hearing. If that was your usual level, run the headset check (in Settings) so the console knows how loud your headset is.</source>
        <translation>خلال الدقيقة الأخيرة استمعت بمستوى {0:.0f} dB SPL في المتوسط: خُفض الصوت مدة {1} دقيقة لحماية سمعك. إذا كان ذلك مستواك المعتاد، فأجرِ فحص سماعة الرأس (في الإعدادات) لتعرف الوحدة مدى ارتفاع صوت سماعتك.</translation>
    </message>
    <message>
        <source>The volume is back where you set it after resting your ears.</source>
        <translation>عاد مستوى الصوت إلى ما ضبطته بعد إراحة أذنيك.</translation>
    </message>
    <message>
        <source>The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the technician: this should not happen.</source>
        <translation>قطعت مرحلة الأمان الأخيرة ذروة بلغت {0:.0f} dB SPL تسرّبت. يُرجى إبلاغ الفني: لا ينبغي أن يحدث هذا.</translation>
    </message>
    <message>
        <source>Broken samples in the sound were replaced by silence. Please tell the technician.</source>
        <translation>استُبدلت عينات تالفة في الصوت بالصمت. يُرجى إبلاغ الفني.</translation>
    </message>
    <message>
        <source>Hearing protection: not acting.</source>
        <translation>حماية السمع: غير فاعلة.</translation>
    </message>
    <message>
        <source>Hearing protection turns the sound down by {0:.0f} dB. {1}</source>
        <translation>تخفض حماية السمع الصوت بمقدار {0:.0f} dB. {1}</translation>
    </message>
    <message>
        <source>Hearing protection acted on the sound.</source>
        <translation>تدخّلت حماية السمع في الصوت.</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>floor</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>بلا مصدر</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>A few questions about the session</source>
        <translation>بضعة أسئلة عن الجلسة</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>الأسئلة</translation>
    </message>
    <message>
        <source>Questions left</source>
        <translation>الأسئلة المتبقية</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>إنهاء (&amp;F)</translation>
    </message>
    <message>
        <source>Finish: save the answers</source>
        <translation>إنهاء: حفظ الإجابات</translation>
    </message>
    <message>
        <source>Using the console (System Usability Scale)</source>
        <translation>استخدام وحدة التحكم (مقياس سهولة استخدام النظام SUS)</translation>
    </message>
    <message>
        <source>From 1, strongly disagree, to 5, strongly agree.</source>
        <translation>من 1، غير موافق بشدة، إلى 5، موافق بشدة.</translation>
    </message>
    <message>
        <source>{0}: strongly disagree</source>
        <translation>{0}: غير موافق بشدة</translation>
    </message>
    <message>
        <source>{0}: strongly agree</source>
        <translation>{0}: موافق بشدة</translation>
    </message>
    <message>
        <source>The workload (NASA-TLX)</source>
        <translation>عبء العمل (NASA-TLX)</translation>
    </message>
    <message>
        <source>From 0 to 100, in steps of 5.</source>
        <translation>من 0 إلى 100، بخطوات من 5.</translation>
    </message>
    <message>
        <source>Your views</source>
        <translation>رأيك</translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>أُجيب عن كل الأسئلة.</translation>
    </message>
    <message>
        <source>Questions left: {0}.</source>
        <translation>الأسئلة المتبقية: {0}.</translation>
    </message>
</context>
<context>
    <name>Relays</name>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>لا أحد على الهواء، تنقل القاعة</translation>
    </message>
    <message>
        <source>on air, but its interpreter hears nothing</source>
        <translation>على الهواء، لكن مترجمها لا يسمع شيئًا</translation>
    </message>
    <message>
        <source>interpreted from {0}, never reaching the floor</source>
        <translation>مترجمة من {0}، ولا تعود أبدًا إلى القاعة</translation>
    </message>
    <message>
        <source>relay, interpreted from {0}</source>
        <translation>ترحيل، مترجمة من {0}</translation>
    </message>
    <message>
        <source>relay of relay, interpreted from {0}</source>
        <translation>ترحيل عن ترحيل، مترجمة من {0}</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>floor: the floor itself, no interpretation in between</source>
        <translation>القاعة: القاعة نفسها، دون ترجمة بينهما</translation>
    </message>
    <message>
        <source>+: one interpretation away from the floor (a direct relay)</source>
        <translation>+: على بُعد ترجمة واحدة من القاعة (ترحيل مباشر)</translation>
    </message>
    <message>
        <source>−: two or more interpretations away from the floor (relay of relay)</source>
        <translation>−: على بُعد ترجمتين أو أكثر من القاعة (ترحيل عن ترحيل)</translation>
    </message>
    <message>
        <source>no source: this channel does not lead back to the floor</source>
        <translation>بلا مصدر: هذه القناة لا تعود إلى القاعة</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the hearing-protection levels must be numbers</source>
        <translation>يجب أن تكون مستويات حماية السمع أرقامًا</translation>
    </message>
    <message>
        <source>the hearing-protection levels may be lowered, but not raised above 100 / 94 / 80 dB SPL</source>
        <translation>يمكن خفض مستويات حماية السمع، ولا يمكن رفعها فوق 100 / 94 / 80 dB SPL</translation>
    </message>
    <message>
        <source>the hearing-protection levels cannot be set below 60 dB SPL</source>
        <translation>لا يمكن ضبط مستويات حماية السمع تحت 60 dB SPL</translation>
    </message>
    <message>
        <source>the ceiling must be at least the sustained limit, and the sustained limit at least the exposure warning</source>
        <translation>يجب ألا يقل الحد الأقصى عن حد الصوت المستمر، وألا يقل حد الصوت المستمر عن تحذير التعرض</translation>
    </message>
    <message>
        <source>“{0}” for “{1}” is not a key combination: press the keys again</source>
        <translation>«{0}» لـ «{1}» ليس تركيبة مفاتيح: اضغط المفاتيح من جديد</translation>
    </message>
    <message>
        <source>{0} moves between controls; choose another key for “{1}”</source>
        <translation>{0} يُستخدم للتنقل بين عناصر التحكم؛ اختر مفتاحًا آخر لـ «{1}»</translation>
    </message>
    <message>
        <source>{0} is already the key of “{1}”; choose another key for “{2}”</source>
        <translation>{0} هو مفتاح «{1}» أصلًا؛ اختر مفتاحًا آخر لـ «{2}»</translation>
    </message>
    <message>
        <source>there is no action “{0}” any more</source>
        <translation>لم يعد هناك إجراء «{0}»</translation>
    </message>
    <message>
        <source>The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; the safe default of {3:g} dB SPL is used until you calibrate again.</source>
        <translation>معايرة سماعة الرأس المحفوظة ({0:g} dB SPL) خارج النطاق من {1:g} إلى {2:g}؛ تُستخدم القيمة الافتراضية الآمنة {3:g} dB SPL إلى أن تعاير من جديد.</translation>
    </message>
    <message>
        <source>the calibration must be {0:g} to {1:g} dB SPL</source>
        <translation>يجب أن تكون المعايرة بين {0:g} و{1:g} dB SPL</translation>
    </message>
    <message>
        <source>The stored calibration source ({0}) is unknown: “measured” is shown.</source>
        <translation>مصدر المعايرة المحفوظ ({0}) غير معروف: يُعرض «مقيس».</translation>
    </message>
    <message>
        <source>The stored hearing-protection levels are ignored ({0}); the defaults apply.</source>
        <translation>تُتجاهل مستويات حماية السمع المحفوظة ({0})؛ وتُطبَّق القيم الافتراضية.</translation>
    </message>
    <message>
        <source>The stored shortcuts are unreadable; the default keys apply.</source>
        <translation>تعذّرت قراءة الاختصارات المحفوظة؛ وتُطبَّق المفاتيح الافتراضية.</translation>
    </message>
    <message>
        <source>Your shortcuts are ignored ({0}); the default keys apply.</source>
        <translation>تُتجاهل اختصاراتك ({0})؛ وتُطبَّق المفاتيح الافتراضية.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not on or off; even levels are on.</source>
        <translation>القيمة المحفوظة لـ«{0}» ({1}) ليست تشغيلًا ولا إيقافًا؛ موازنة المستوى مشغلة.</translation>
    </message>
    <message>
        <source>The stored theme “{0}” does not exist; the light theme is used.</source>
        <translation>السمة المحفوظة «{0}» غير موجودة؛ تُستخدم السمة الفاتحة.</translation>
    </message>
    <message>
        <source>The stored language “{0}” is not one of the console&apos;s; the computer&apos;s language is used.</source>
        <translation>اللغة المحفوظة «{0}» ليست من لغات الوحدة؛ تُستخدم لغة الحاسوب.</translation>
    </message>
    <message>
        <source>The list of remembered meetings was unreadable and is not shown.</source>
        <translation>تعذّرت قراءة قائمة الاجتماعات المحفوظة فلم تُعرض.</translation>
    </message>
    <message>
        <source>The stored window position was unreadable.</source>
        <translation>تعذّرت قراءة موضع النافذة المحفوظ.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” was unreadable and is ignored.</source>
        <translation>تعذّرت قراءة القيمة المحفوظة لـ «{0}» فتُتجاهل.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not a number; {2:g} is used.</source>
        <translation>القيمة المحفوظة لـ «{0}» ({1}) ليست رقمًا؛ يُستخدم {2:g}.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not true or false; {2} is used.</source>
        <translation>القيمة المحفوظة لـ «{0}» ({1}) ليست true ولا false؛ تُستخدم {2}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>صفحات الإعدادات</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>الصوت (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Hearing protection</source>
        <translation>حماية السمع (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>الاختصارات (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme and language</source>
        <translation>السمة واللغة (&amp;T)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>تطبيق (&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>الميكروفون</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>سماعة الرأس</translation>
    </message>
    <message>
        <source>Look for &amp;new devices</source>
        <translation>البحث عن أجهزة جديدة (&amp;N)</translation>
    </message>
    <message>
        <source>Look for new devices</source>
        <translation>البحث عن أجهزة جديدة</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>حالة الأجهزة</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>لا إشارة</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>مستوى الميكروفون</translation>
    </message>
    <message>
        <source>Headset level</source>
        <translation>مستوى سماعة الرأس</translation>
    </message>
    <message>
        <source>Play a test t&amp;one</source>
        <translation>تشغيل نغمة اختبار (&amp;O)</translation>
    </message>
    <message>
        <source>Play a test tone</source>
        <translation>تشغيل نغمة اختبار</translation>
    </message>
    <message>
        <source>Hear &amp;yourself</source>
        <translation>سماع صوتك (&amp;Y)</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <translation>سماع صوتك</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>الميكروفون (&amp;M):</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>سماعة الرأس (&amp;E):</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>الفحص</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>مستوى الميكروفون:</translation>
    </message>
    <message>
        <source>Headset level:</source>
        <translation>مستوى سماعة الرأس:</translation>
    </message>
    <message>
        <source>The console protects your hearing: it never lets a sound in your headset go above a ceiling, turns down sound that stays too loud, and pulls down sudden bangs and feedback howl at once. To do that it must know how loud your headset really is. Until you calibrate it, the console assumes a loud headset, so protection acts early rather than late. Without a meter, run the headset check: set a voice to a comfortable level. If you have a sound level meter, play the test tone, measure it at the ear cup, and enter the reading.</source>
        <translation>تحمي الوحدة سمعك: فلا تدع أي صوت في سماعتك يتجاوز حدًا أقصى، وتخفض الصوت الذي يظل مرتفعًا جدًا، وتخفض فورًا الأصوات الانفجارية المفاجئة وصفير التغذية الراجعة. ولذلك يجب أن تعرف مدى ارتفاع صوت سماعتك فعلًا. وإلى أن تعايرها، تفترض الوحدة أن السماعة عالية الصوت، فتعمل الحماية مبكرًا لا متأخرًا. إن لم يكن لديك مقياس، فأجرِ فحص سماعة الرأس: اضبط صوتًا بشريًا على مستوى مريح. وإن كان لديك مقياس لمستوى الصوت، فشغّل نغمة الاختبار وقِسها عند كأس السماعة وأدخل القراءة.</translation>
    </message>
    <message>
        <source>Headset loudness at full scale</source>
        <translation>ارتفاع صوت السماعة عند أقصى النطاق</translation>
    </message>
    <message>
        <source>The sound level, in dB SPL, of the loudest tone the headset can play.</source>
        <translation>مستوى الصوت، بوحدة dB SPL، لأعلى نغمة يمكن أن تشغّلها السماعة.</translation>
    </message>
    <message>
        <source>Headset chec&amp;k…</source>
        <translation>فحص سماعة الرأس… (&amp;K)</translation>
    </message>
    <message>
        <source>Headset check: calibrate by choosing a comfortable level, without a meter</source>
        <translation>فحص سماعة الرأس: المعايرة باختيار مستوى مريح، دون مقياس</translation>
    </message>
    <message>
        <source>Safe de&amp;fault</source>
        <translation>القيمة الافتراضية الآمنة (&amp;F)</translation>
    </message>
    <message>
        <source>Use the safe default calibration</source>
        <translation>استخدام المعايرة الافتراضية الآمنة</translation>
    </message>
    <message>
        <source>Measured level of the test tone</source>
        <translation>المستوى المقيس لنغمة الاختبار</translation>
    </message>
    <message>
        <source>&amp;Use this reading</source>
        <translation>استخدام هذه القراءة (&amp;U)</translation>
    </message>
    <message>
        <source>Calibrate from the measured level</source>
        <translation>المعايرة من المستوى المقيس</translation>
    </message>
    <message>
        <source>Play the calibration t&amp;one</source>
        <translation>تشغيل نغمة المعايرة (&amp;O)</translation>
    </message>
    <message>
        <source>Play the calibration tone</source>
        <translation>تشغيل نغمة المعايرة</translation>
    </message>
    <message>
        <source>Instant ceiling</source>
        <translation>الحد الأقصى اللحظي</translation>
    </message>
    <message>
        <source>Sustained limit</source>
        <translation>حد الصوت المستمر</translation>
    </message>
    <message>
        <source>Exposure warning</source>
        <translation>تحذير التعرض</translation>
    </message>
    <message>
        <source>Hearing protection status</source>
        <translation>حالة حماية السمع</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>المعايرة (&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Meter reading:</source>
        <translation>قراءة المقياس (&amp;M):</translation>
    </message>
    <message>
        <source>Limits (may be lowered, not raised)</source>
        <translation>الحدود (يمكن خفضها لا رفعها)</translation>
    </message>
    <message>
        <source>Ce&amp;iling:</source>
        <translation>الحد الأقصى (&amp;I):</translation>
    </message>
    <message>
        <source>Sustaine&amp;d limit:</source>
        <translation>حد الصوت المستمر (&amp;D):</translation>
    </message>
    <message>
        <source>E&amp;xposure warning:</source>
        <translation>تحذير التعرض (&amp;X):</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>فاتحة (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>داكنة (&amp;D)</translation>
    </message>
    <message>
        <source>Hi&amp;gh contrast (strongest contrast, largest focus frame)</source>
        <translation>تباين عالٍ (أقوى تباين، أعرض إطار تركيز) (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Reduced motion: highlight requests, never flash</source>
        <translation>تقليل الحركة: إبراز الطلبات دون وميض (&amp;R)</translation>
    </message>
    <message>
        <source>Chime in the headset at a hando&amp;ver request or a coordinator&apos;s message</source>
        <translation>نغمة في سماعة الرأس عند طلب تسليم أو رسالة من منسق (&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>لغة الحاسوب</translation>
    </message>
    <message>
        <source>A new language shows when the console starts again.</source>
        <translation>تظهر اللغة الجديدة عند تشغيل الوحدة في المرة القادمة.</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>اللغة (&amp;U):</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full scale. Press Apply.</source>
        <translation>عُويرت من نغمة {0:.0f} dBFS: تشغّل السماعة {1:.1f} dB SPL عند أقصى النطاق. اضغط «تطبيق».</translation>
    </message>
    <message>
        <source>Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact.</source>
        <translation>سماعتك معايَرة بفحص سماعة الرأس ({0:.0f} dB SPL عند أقصى النطاق، على افتراض أن المستوى الذي اخترته {1:.0f} dB SPL). قراءة المقياس أدق.</translation>
    </message>
    <message>
        <source>Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale).</source>
        <translation>سماعتك معايَرة من قياس ({0:.0f} dB SPL عند أقصى النطاق).</translation>
    </message>
    <message>
        <source>Not calibrated: the safe default of {0:.0f} dB SPL is assumed.</source>
        <translation>غير معايَرة: تُفترض القيمة الافتراضية الآمنة {0:.0f} dB SPL.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>الافتراضي في النظام</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0} (غير موصول)</translation>
    </message>
    <message>
        <source>Close the meeting&apos;s audio first: devices cannot be searched while in use.</source>
        <translation>أغلق صوت الاجتماع أولًا: لا يمكن البحث عن الأجهزة وهي قيد الاستخدام.</translation>
    </message>
    <message>
        <source>The device lists are up to date.</source>
        <translation>قوائم الأجهزة محدّثة.</translation>
    </message>
    <message>
        <source> dB SPL</source>
        <translation> dB SPL</translation>
    </message>
</context>
<context>
    <name>ShortcutEditor</name>
    <message>
        <source>Actions and their keys</source>
        <translation>الإجراءات ومفاتيحها</translation>
    </message>
    <message>
        <source>Choose an action with the arrow keys, then record a new key below.</source>
        <translation>اختر إجراءً بمفاتيح الأسهم، ثم سجّل مفتاحًا جديدًا في الأسفل.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>New key for the chosen action</source>
        <translation>مفتاح جديد للإجراء المختار</translation>
    </message>
    <message>
        <source>Press the key combination; it is assigned when you stop typing.</source>
        <translation>اضغط تركيبة المفاتيح؛ تُعيَّن حين تتوقف عن الكتابة.</translation>
    </message>
    <message>
        <source>&amp;New key:</source>
        <translation>مفتاح جديد (&amp;N):</translation>
    </message>
    <message>
        <source>N&amp;o key</source>
        <translation>بلا مفتاح (&amp;O)</translation>
    </message>
    <message>
        <source>Remove the key of the chosen action</source>
        <translation>إزالة مفتاح الإجراء المختار</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>المفتاح الافتراضي (&amp;D)</translation>
    </message>
    <message>
        <source>Give the chosen action its default key</source>
        <translation>إعادة المفتاح الافتراضي للإجراء المختار</translation>
    </message>
    <message>
        <source>All de&amp;faults</source>
        <translation>كل المفاتيح الافتراضية (&amp;F)</translation>
    </message>
    <message>
        <source>Give every action its default key</source>
        <translation>إعادة المفتاح الافتراضي لكل إجراء</translation>
    </message>
    <message>
        <source>Shortcut conflicts</source>
        <translation>تعارض الاختصارات</translation>
    </message>
    <message>
        <source>{0} (conflict)</source>
        <translation>{0} (تعارض)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Meeting and booth</source>
        <translation>الاجتماع والمقصورة</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>الوصلة</translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation>جودة الوصلة</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>{0} — {1} booth — {2}</source>
        <translation>{0} — مقصورة {1} — {2}</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>متصل بـ {0}</translation>
    </message>
    <message>
        <source>link: —</source>
        <translation>الوصلة: —</translation>
    </message>
    <message>
        <source>RTT — · jitter — · loss — (unknown while the hub is silent)</source>
        <translation>RTT — · التذبذب — · الفقد — (غير معروفة ما دام الخادم صامتًا)</translation>
    </message>
    <message>
        <source>RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %</source>
        <translation>RTT {0} ms · التذبذب {1:.0f} ms · الفقد {2:.1f}٪</translation>
    </message>
    <message>
        <source>Sound received: {0} concealed, {1} dropped, {2} gaps (audible); {3} stretched, {4} shrunk (inaudible).</source>
        <translation>الصوت المستقبَل: {0} مُخفًى، {1} مُسقَط، {2} فجوات (مسموعة)؛ {3} مُمدَّد، {4} مُقلَّص (غير مسموع).</translation>
    </message>
    <message>
        <source>The system refused real-time priority to the sound: it may break up while this computer is busy.</source>
        <translation>رفض النظام منح الصوت أولوية الوقت الحقيقي: قد يتقطع الصوت حين يكون هذا الحاسوب مشغولاً.</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>connecting to {0}…</source>
        <translation>جارٍ الاتصال بـ {0}…</translation>
    </message>
    <message>
        <source>no sound from the hub for {0:.1f} s: you may not be heard</source>
        <translation>لا صوت من الخادم منذ {0:.1f} ث: ربما لا يسمعك أحد</translation>
    </message>
    <message>
        <source>connected · sound from the hub is back after {0:.1f} s</source>
        <translation>متصل · عاد الصوت من الخادم بعد {0:.1f} ث</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>متصل</translation>
    </message>
    <message>
        <source>reconnecting… attempt {0} ({1})</source>
        <translation>جارٍ إعادة الاتصال… المحاولة {0} ({1})</translation>
    </message>
    <message>
        <source>connection lost: {0}</source>
        <translation>انقطع الاتصال: {0}</translation>
    </message>
    <message>
        <source>not connected: {0}</source>
        <translation>غير متصل: {0}</translation>
    </message>
</context>
<context>
    <name>Volume</name>
    <message>
        <source>off</source>
        <translation>مغلق</translation>
    </message>
    <message>
        <source>{0}{1} dB</source>
        <translation>{0}{1} dB</translation>
    </message>
</context>
<context>
    <name>_Answer</name>
    <message>
        <source>(choose)</source>
        <translation>(اختر)</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>لم تتم الإجابة بعد</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The link is empty: paste the meeting link from your invitation.</source>
        <translation>الرابط فارغ: الصق رابط الاجتماع من دعوتك.</translation>
    </message>
    <message>
        <source>A meeting link has no spaces in it: copy the whole link again, in one piece.</source>
        <translation>لا يحتوي رابط الاجتماع على مسافات: انسخ الرابط كله من جديد، قطعة واحدة.</translation>
    </message>
    <message>
        <source>This is a token, not a link: paste it into the Token field and type the hub address.</source>
        <translation>هذا رمز دخول وليس رابطًا: الصقه في حقل رمز الدخول واكتب عنوان الخادم.</translation>
    </message>
    <message>
        <source>“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. Copy the link from your invitation again.</source>
        <translation>«{text}» ليس رابط اجتماع: يبدأ الرابط بـ wss:// أو rsi:// أو https://. انسخ الرابط من دعوتك من جديد.</translation>
    </message>
    <message>
        <source>The link names no computer to connect to: copy the whole link again.</source>
        <translation>لا يسمّي الرابط أي حاسوب للاتصال به: انسخ الرابط كله من جديد.</translation>
    </message>
    <message>
        <source>The port in the link is not a number from 1 to 65535: copy the link again.</source>
        <translation>المنفذ في الرابط ليس رقمًا من 1 إلى 65535: انسخ الرابط من جديد.</translation>
    </message>
    <message>
        <source>This web address is not a meeting link: it has no hub=… part. Open it in a browser, or ask the organiser for the console link.</source>
        <translation>عنوان الويب هذا ليس رابط اجتماع: ليس فيه جزء hub=…. افتحه في متصفح، أو اطلب رابط الوحدة من الجهة المنظمة.</translation>
    </message>
    <message>
        <source>The hub address in the link must start with wss:// (or ws:// on this computer): ask the organiser for a new link.</source>
        <translation>يجب أن يبدأ عنوان الخادم في الرابط بـ wss:// (أو ws:// على هذا الحاسوب): اطلب رابطًا جديدًا من الجهة المنظمة.</translation>
    </message>
    <message>
        <source>The token is damaged: a token is three parts of letters and digits separated by dots. Copy it again from your invitation.</source>
        <translation>رمز الدخول تالف: يتكون الرمز من ثلاثة أجزاء من الحروف والأرقام تفصل بينها نقاط. انسخه من جديد من دعوتك.</translation>
    </message>
    <message>
        <source>The address “{address}” cannot be used.</source>
        <translation>لا يمكن استخدام العنوان «{address}».</translation>
    </message>
    <message>
        <source>{host} is another computer, and ws:// would send your token to it unencrypted. Use the wss:// address from your invitation (ws:// is only for a hub on this computer).</source>
        <translation>{host} حاسوب آخر، وws:// سيرسل إليه رمز دخولك دون تشفير. استخدم عنوان wss:// من دعوتك (ws:// مخصص لخادم على هذا الحاسوب فقط).</translation>
    </message>
</context>
</TS>
