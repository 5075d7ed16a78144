<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Actions</name>
    <message>
        <source>Listen to the floor</source>
        <translation>Слушать зал</translation>
    </message>
    <message>
        <source>Listen to the next channel</source>
        <translation>Слушать следующий канал</translation>
    </message>
    <message>
        <source>Listen to the previous channel</source>
        <translation>Слушать предыдущий канал</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>Перестать слушать</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Слушать</translation>
    </message>
    <message>
        <source>Force off whoever speaks on the channel you hear</source>
        <translation>Принудительно выключить говорящего на канале, который вы слушаете</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Принудительно выключить</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Язык зала</translation>
    </message>
    <message>
        <source>Set the floor language</source>
        <translation>Задать язык зала</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Написать сообщение</translation>
    </message>
    <message>
        <source>Acknowledge all alarms</source>
        <translation>Подтвердить все сигналы тревоги</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Microphone on / off</source>
        <translation>Микрофон вкл. / выкл.</translation>
    </message>
    <message>
        <source>Cough (hold)</source>
        <translation>Кашель (удерживать)</translation>
    </message>
    <message>
        <source>Next output channel</source>
        <translation>Следующий выходной канал</translation>
    </message>
    <message>
        <source>Output A</source>
        <translation>Выход A</translation>
    </message>
    <message>
        <source>Output B</source>
        <translation>Выход B</translation>
    </message>
    <message>
        <source>Output C</source>
        <translation>Выход C</translation>
    </message>
    <message>
        <source>Listen to the relay</source>
        <translation>Слушать реле</translation>
    </message>
    <message>
        <source>Pre-select the next relay</source>
        <translation>Предварительно выбрать следующее реле</translation>
    </message>
    <message>
        <source>Pre-select the previous relay</source>
        <translation>Предварительно выбрать предыдущее реле</translation>
    </message>
    <message>
        <source>Pre-select a relay</source>
        <translation>Предварительно выбрать реле</translation>
    </message>
    <message>
        <source>Auto-relay on/off</source>
        <translation>Автореле вкл./выкл.</translation>
    </message>
    <message>
        <source>Offer the handover</source>
        <translation>Предложить передачу</translation>
    </message>
    <message>
        <source>Request the handover</source>
        <translation>Запросить передачу</translation>
    </message>
    <message>
        <source>Accept the handover</source>
        <translation>Принять передачу</translation>
    </message>
    <message>
        <source>Cancel the handover</source>
        <translation>Отменить передачу</translation>
    </message>
    <message>
        <source>Ask the speaker to slow down</source>
        <translation>Попросить оратора говорить медленнее</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>Громче</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>Тише</translation>
    </message>
    <message>
        <source>Set the volume</source>
        <translation>Настроить громкость</translation>
    </message>
    <message>
        <source>Relay volume up (floor and relay in an ear each)</source>
        <translation>Громкость реле громче (зал и реле — каждое в своё ухо)</translation>
    </message>
    <message>
        <source>Relay volume down (floor and relay in an ear each)</source>
        <translation>Громкость реле тише (зал и реле — каждое в своё ухо)</translation>
    </message>
    <message>
        <source>Set the relay volume</source>
        <translation>Настроить громкость реле</translation>
    </message>
    <message>
        <source>Bass up</source>
        <translation>Низкие громче</translation>
    </message>
    <message>
        <source>Bass down</source>
        <translation>Низкие тише</translation>
    </message>
    <message>
        <source>Set the bass</source>
        <translation>Настроить низкие</translation>
    </message>
    <message>
        <source>Treble up</source>
        <translation>Высокие громче</translation>
    </message>
    <message>
        <source>Treble down</source>
        <translation>Высокие тише</translation>
    </message>
    <message>
        <source>Set the treble</source>
        <translation>Настроить высокие</translation>
    </message>
    <message>
        <source>Ear of what you hear: both, left, right</source>
        <translation>Ухо для того, что вы слышите: оба, левое, правое</translation>
    </message>
    <message>
        <source>Set the floor ear</source>
        <translation>Выбрать ухо для зала</translation>
    </message>
    <message>
        <source>Set the relay ear</source>
        <translation>Выбрать ухо для реле</translation>
    </message>
    <message>
        <source>Even level of the floor on/off</source>
        <translation>Выравнивание уровня зала (вкл./выкл.)</translation>
    </message>
    <message>
        <source>Even level of the relay on/off</source>
        <translation>Выравнивание уровня реле (вкл./выкл.)</translation>
    </message>
    <message>
        <source>Even level of the booth partner on/off</source>
        <translation>Выравнивание уровня напарника по кабине (вкл./выкл.)</translation>
    </message>
    <message>
        <source>Hear the booth partner on/off</source>
        <translation>Слышать напарника вкл./выкл.</translation>
    </message>
    <message>
        <source>Partner volume up</source>
        <translation>Громкость напарника громче</translation>
    </message>
    <message>
        <source>Partner volume down</source>
        <translation>Громкость напарника тише</translation>
    </message>
    <message>
        <source>Set the partner volume</source>
        <translation>Настроить громкость напарника</translation>
    </message>
    <message>
        <source>Partner ear: both, left, right</source>
        <translation>Ухо напарника: оба, левое, правое</translation>
    </message>
    <message>
        <source>Set the partner ear</source>
        <translation>Выбрать ухо для напарника</translation>
    </message>
    <message>
        <source>Mark messages as read</source>
        <translation>Отметить сообщения как прочитанные</translation>
    </message>
    <message>
        <source>Connect to a meeting</source>
        <translation>Подключиться к заседанию</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Headset check</source>
        <translation>Проверка гарнитуры</translation>
    </message>
    <message>
        <source>Sound check: headset, microphone, level</source>
        <translation>Проверка звука: гарнитура, микрофон, уровень</translation>
    </message>
    <message>
        <source>Next theme: light, dark, high contrast</source>
        <translation>Следующая тема: светлая, тёмная, высокий контраст</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>О пульте RSI</translation>
    </message>
    <message>
        <source>Next language</source>
        <translation>Следующий язык</translation>
    </message>
    <message>
        <source>Previous language</source>
        <translation>Предыдущий язык</translation>
    </message>
    <message>
        <source>Report: no sound</source>
        <translation>Сообщить: нет звука</translation>
    </message>
    <message>
        <source>Report: poor sound</source>
        <translation>Сообщить: плохой звук</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Выбрать язык</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>Отправить сообщение</translation>
    </message>
</context>
<context>
    <name>AirButton</name>
    <message>
        <source>ON AIR</source>
        <translation>В ЭФИРЕ</translation>
    </message>
    <message>
        <source>speaking on {0}</source>
        <translation>в эфире на {0}</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>ЗАГЛУШЕН</translation>
    </message>
    <message>
        <source>cough: {0} hears nothing</source>
        <translation>кашель: {0} ничего не слышит</translation>
    </message>
    <message>
        <source>NOT HEARD?</source>
        <translation>НЕ СЛЫШНО?</translation>
    </message>
    <message>
        <source>no sound from the hub: {0} may hear nothing of you</source>
        <translation>нет звука от хаба: {0}, возможно, вас не слышит</translation>
    </message>
    <message>
        <source>TAKING THE AIR…</source>
        <translation>ВЫХОД В ЭФИР…</translation>
    </message>
    <message>
        <source>waiting for the hub: {0}</source>
        <translation>ожидание хаба: {0}</translation>
    </message>
    <message>
        <source>OFF AIR</source>
        <translation>ВНЕ ЭФИРА</translation>
    </message>
    <message>
        <source>microphone off</source>
        <translation>микрофон выключен</translation>
    </message>
    <message>
        <source>Microphone: {0}</source>
        <translation>Микрофон: {0}</translation>
    </message>
    <message>
        <source>{0}. Press to switch the microphone on or off ({1}).</source>
        <translation>{0}. Нажмите, чтобы включить или выключить микрофон ({1}).</translation>
    </message>
</context>
<context>
    <name>AirPanel</name>
    <message>
        <source>Cough (hold to mute)</source>
        <translation>Кашель (удерживайте, чтобы заглушить)</translation>
    </message>
    <message>
        <source>Cough — hold</source>
        <translation>Кашель — удерживать</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Выход:</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Зал</translation>
    </message>
    <message>
        <source>Floor level</source>
        <translation>Уровень зала</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Реле</translation>
    </message>
    <message>
        <source>Relay level</source>
        <translation>Уровень реле</translation>
    </message>
    <message>
        <source>My mic</source>
        <translation>Мой микрофон</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>Уровень моего микрофона</translation>
    </message>
    <message>
        <source>Out L</source>
        <translation>Вых. Л</translation>
    </message>
    <message>
        <source>Output level, left ear</source>
        <translation>Уровень выхода, левое ухо</translation>
    </message>
    <message>
        <source>Out R</source>
        <translation>Вых. П</translation>
    </message>
    <message>
        <source>Output level, right ear</source>
        <translation>Уровень выхода, правое ухо</translation>
    </message>
    <message>
        <source>Hearing protection</source>
        <translation>Защита слуха</translation>
    </message>
    <message>
        <source>engaged: {0}</source>
        <translation>занят: {0}</translation>
    </message>
    <message>
        <source>our booth on air</source>
        <translation>наша кабина в эфире</translation>
    </message>
    <message>
        <source>free</source>
        <translation>свободен</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (не актуально: хаб не слышен)</translation>
    </message>
    <message>
        <source>Output {0}, channel {1}</source>
        <translation>Выход {0}, канал {1}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>Alarms</source>
        <translation>Сигналы тревоги</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>Активные сигналы тревоги</translation>
    </message>
    <message>
        <source>&amp;Sound for new alarms</source>
        <translation>&amp;Звук для новых тревог</translation>
    </message>
    <message>
        <source>Sound for new alarms</source>
        <translation>Звук для новых тревог</translation>
    </message>
    <message>
        <source>Alarm: {0}</source>
        <translation>Тревога: {0}</translation>
    </message>
    <message>
        <source>{0} ({1} times)</source>
        <translation>{0} (раз: {1})</translation>
    </message>
    <message>
        <source>Alarms ({0} new)</source>
        <translation>Сигналы тревоги (новых: {0})</translation>
    </message>
</context>
<context>
    <name>Alarms</name>
    <message>
        <source>{who} asks the speaker to slow down</source>
        <translation>{who} просит оратора говорить медленнее</translation>
    </message>
    <message>
        <source>{who} reports poor sound</source>
        <translation>{who} сообщает о плохом звуке</translation>
    </message>
    <message>
        <source>{who} needs help</source>
        <translation>{who}: нужна помощь</translation>
    </message>
    <message>
        <source>{who} has no sound</source>
        <translation>{who}: нет звука</translation>
    </message>
    <message>
        <source>{channel}: {name} is on air, but nothing has been heard for {seconds} s while the floor speaks</source>
        <translation>{channel}: {name} в эфире, но уже {seconds} с ничего не слышно, хотя в зале говорят</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s</source>
        <translation>В зале тишина уже {seconds} с</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s: no floor source is on air</source>
        <translation>В зале тишина уже {seconds} с: ни один источник зала не в эфире</translation>
    </message>
    <message>
        <source>{name} ({booth}) lost the connection while on air on {channel}</source>
        <translation>{name} ({booth}) потерял(а) соединение, находясь в эфире на {channel}</translation>
    </message>
    <message>
        <source>The {platform} gateway is disconnected: the floor from {platform} is silent</source>
        <translation>Шлюз {platform} отключён: зал из {platform} не слышен</translation>
    </message>
    <message>
        <source>{name} ({booth}) has been on air for over {minutes} minutes: time to hand over</source>
        <translation>{name} ({booth}) в эфире уже больше {minutes} минут: пора передать микрофон</translation>
    </message>
    <message>
        <source>The hub restarted and the floor language went back to the meeting&apos;s default, {language}: set it again if needed</source>
        <translation>Хаб перезапустился, и язык зала вернулся к заданному для заседания, {language}: при необходимости задайте его снова</translation>
    </message>
</context>
<context>
    <name>BoothTable</name>
    <message>
        <source>Booths</source>
        <translation>Кабины</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Кабина</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Состав</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>В эфире</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Передача</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Смена</translation>
    </message>
    <message>
        <source> (offline)</source>
        <translation> (не в сети)</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} на {1}</translation>
    </message>
    <message>
        <source>{0} offers to {1}</source>
        <translation>{0} предлагает {1}</translation>
    </message>
    <message>
        <source>{0} asks {1}</source>
        <translation>{0} просит {1}</translation>
    </message>
</context>
<context>
    <name>ChannelGrid</name>
    <message>
        <source>Channels</source>
        <translation>Каналы</translation>
    </message>
</context>
<context>
    <name>ChannelStrip</name>
    <message>
        <source>Channel {0}</source>
        <translation>Канал {0}</translation>
    </message>
    <message>
        <source>Level of channel {0}</source>
        <translation>Уровень канала {0}</translation>
    </message>
    <message>
        <source>On air on {0}</source>
        <translation>В эфире на {0}</translation>
    </message>
    <message>
        <source>Source of {0}</source>
        <translation>Источник {0}</translation>
    </message>
    <message>
        <source>Listeners of {0}</source>
        <translation>Слушатели {0}</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Слушать</translation>
    </message>
    <message>
        <source>Listen to {0}</source>
        <translation>Слушать {0}</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Выключить принудительно</translation>
    </message>
    <message>
        <source>Force off the speaker of {0}</source>
        <translation>Принудительно выключить говорящего на {0}</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Зал</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0} (cough)</source>
        <translation>{0} (кашель)</translation>
    </message>
    <message>
        <source>floor: no interpreter</source>
        <translation>зал: нет переводчика</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>никого в эфире</translation>
    </message>
    <message>
        <source>the floor, as it is</source>
        <translation>зал, как есть</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} слушают</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Слушаю</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>the floor</source>
        <translation>зал</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Зал</translation>
    </message>
    <message>
        <source>Floor ({0})</source>
        <translation>Зал ({0})</translation>
    </message>
    <message>
        <source>on air: {0}</source>
        <translation>в эфире: {0}</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>никого в эфире</translation>
    </message>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>никого в эфире, передаётся зал</translation>
    </message>
    <message>
        <source>{0} (not listening)</source>
        <translation>{0} (не прослушивается)</translation>
    </message>
    <message>
        <source>live</source>
        <translation>есть звук</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>тишина</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>слушают: {0}</translation>
    </message>
    <message>
        <source>your output</source>
        <translation>ваш выход</translation>
    </message>
    <message>
        <source>Your output, {0}: {1} listening</source>
        <translation>Ваш выход, {0}: слушают {1}</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Полученные сообщения</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Write to the booths…</source>
        <translation>Написать кабинам…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Booth {0}</source>
        <translation>Кабина {0}</translation>
    </message>
    <message>
        <source>{0} {1} → {2}: {3}</source>
        <translation>{0} {1} → {2}: {3}</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>Your token has expired. Ask the organiser of the meeting for a new one.</source>
        <translation>Срок действия вашего токена истёк. Попросите новый у организатора заседания.</translation>
    </message>
    <message>
        <source>The hub refused your token. Check that you copied all of it, or ask the organiser for a new one.</source>
        <translation>Хаб отклонил ваш токен. Проверьте, что скопировали его полностью, или попросите новый у организатора.</translation>
    </message>
    <message>
        <source>This hub runs another meeting than the one your token is for ({0}). Check that the address and the token come from the same invitation.</source>
        <translation>На этом хабе идёт другое заседание, не то, для которого ваш токен ({0}). Проверьте, что адрес и токен взяты из одного приглашения.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the address and your network connection; if both are right, the hub may not be running yet: ask the organiser.</source>
        <translation>Хаб недоступен. Проверьте адрес и подключение к сети; если и то и другое в порядке, возможно, хаб ещё не запущен: обратитесь к организатору.</translation>
    </message>
    <message>
        <source>There is no meeting hub at this address. Check the address: it usually starts with wss:// and ends with /v1.</source>
        <translation>По этому адресу нет хаба заседания. Проверьте адрес: обычно он начинается с wss:// и заканчивается на /v1.</translation>
    </message>
    <message>
        <source>The meeting has no booth for your token. Ask the organiser for a token for one of its booths.</source>
        <translation>В заседании нет кабины для вашего токена. Попросите у организатора токен для одной из его кабин.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>Подключение отменено.</translation>
    </message>
    <message>
        <source>This address is not encrypted (ws://) and leads to another computer: your token would cross the network in clear. Use the hub&apos;s wss:// address.</source>
        <translation>Этот адрес не зашифрован (ws://) и ведёт на другой компьютер: ваш токен пошёл бы по сети открытым текстом. Используйте адрес хаба wss://.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent. If the meeting uses its own certificate authority, ask the organiser for its CA file and give it as the CA certificate file.</source>
        <translation>Не удалось проверить сертификат хаба, поэтому ничего не отправлено. Если у заседания свой центр сертификации, попросите у организатора файл ЦС и укажите его как файл сертификата ЦС.</translation>
    </message>
    <message>
        <source>The hub closed the connection before letting you in. Try again; if it happens again, tell the technician.</source>
        <translation>Хаб закрыл соединение, не впустив вас. Попробуйте ещё раз; если это повторится, сообщите технику.</translation>
    </message>
    <message>
        <source>You left the meeting.</source>
        <translation>Вы вышли из заседания.</translation>
    </message>
    <message>
        <source>You joined this meeting from another window or computer, so this one was disconnected.</source>
        <translation>Вы вошли в это заседание из другого окна или с другого компьютера, поэтому это окно отключено.</translation>
    </message>
    <message>
        <source>The hub disconnected this console because it sent too many requests. Tell the technician.</source>
        <translation>Хаб отключил этот пульт, потому что он отправлял слишком много запросов. Сообщите технику.</translation>
    </message>
    <message>
        <source>The hub is shutting down. Reconnecting when it is back…</source>
        <translation>Хаб выключается. Переподключение, когда он вернётся…</translation>
    </message>
    <message>
        <source>The connection to the hub was lost. Reconnecting…</source>
        <translation>Соединение с хабом потеряно. Переподключение…</translation>
    </message>
    <message>
        <source>The hub ended the connection.</source>
        <translation>Хаб завершил соединение.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a meeting</source>
        <translation>Подключиться к заседанию</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>Ссылка на заседание</translation>
    </message>
    <message>
        <source>Paste the link from your invitation: it fills in the address and token.</source>
        <translation>Вставьте ссылку из приглашения: она заполнит адрес и токен.</translation>
    </message>
    <message>
        <source>rsi://… or wss://…#token=… or https://…?hub=…</source>
        <translation>rsi://… или wss://…#token=… или https://…?hub=…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Адрес хаба</translation>
    </message>
    <message>
        <source>For example wss://hub.example.org/v1. Several addresses of one meeting, separated by commas, are tried in turn.</source>
        <translation>Например, wss://hub.example.org/v1. Несколько адресов одного заседания, разделённые запятыми, пробуются по очереди.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <source>The token from your invitation</source>
        <translation>Токен из вашего приглашения</translation>
    </message>
    <message>
        <source>S&amp;how the token</source>
        <translation>По&amp;казать токен</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Показать токен</translation>
    </message>
    <message>
        <source>&amp;Keep the token on this computer (not encrypted)</source>
        <translation>&amp;Хранить токен на этом компьютере (без шифрования)</translation>
    </message>
    <message>
        <source>Keep the token on this computer</source>
        <translation>Хранить токен на этом компьютере</translation>
    </message>
    <message>
        <source>Anyone who can read your settings file can then join as you until it expires.</source>
        <translation>Тогда любой, кто может прочитать ваш файл настроек, сможет входить от вашего имени, пока токен не истечёт.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Файл сертификата ЦС</translation>
    </message>
    <message>
        <source>Only if the meeting has its own certificate authority: the PEM file from the organiser. Leave empty for a hub with a public certificate.</source>
        <translation>Только если у заседания свой центр сертификации: PEM-файл от организатора. Оставьте пустым для хаба с публичным сертификатом.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Выберите файл сертификата ЦС</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection to another computer</source>
        <translation>Разрешить &amp;нешифрованное подключение к другому компьютеру</translation>
    </message>
    <message>
        <source>Allow unencrypted connection to another computer</source>
        <translation>Разрешить нешифрованное подключение к другому компьютеру</translation>
    </message>
    <message>
        <source>Warning: with ws:// your token and your voice cross the network in clear; anyone on the way can listen and join as you. Only on a network you trust.</source>
        <translation>Внимание: при ws:// ваш токен и ваш голос идут по сети открытым текстом; любой на пути может слушать и входить от вашего имени. Только в сети, которой вы доверяете.</translation>
    </message>
    <message>
        <source>Remembered meetings</source>
        <translation>Запомненные заседания</translation>
    </message>
    <message>
        <source>Choose one to fill in its address; Enter connects.</source>
        <translation>Выберите заседание, чтобы заполнить его адрес; Enter подключает.</translation>
    </message>
    <message>
        <source>&amp;Forget this meeting</source>
        <translation>&amp;Забыть это заседание</translation>
    </message>
    <message>
        <source>Forget the selected meeting</source>
        <translation>Забыть выбранное заседание</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Состояние подключения</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Подключиться</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>&amp;Ссылка на заседание:</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>&amp;Адрес хаба:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Токен:</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate file:</source>
        <translation>Файл сертификата &amp;ЦС:</translation>
    </message>
    <message>
        <source>&amp;Remembered meetings:</source>
        <translation>Запо&amp;мненные заседания:</translation>
    </message>
    <message>
        <source>On a network you trust, you may tick “Allow unencrypted connection to another computer” instead.</source>
        <translation>В сети, которой вы доверяете, можно вместо этого отметить «Разрешить нешифрованное подключение к другому компьютеру».</translation>
    </message>
    <message>
        <source>The CA certificate file {0} does not exist. Choose the file the organiser gave you, or leave the field empty.</source>
        <translation>Файл сертификата ЦС {0} не существует. Выберите файл, полученный от организатора, или оставьте поле пустым.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Подключение к {0}…</translation>
    </message>
    <message>
        <source>The link is complete: press Connect.</source>
        <translation>Ссылка полная: нажмите «Подключиться».</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Сертификаты (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>Сначала выберите заседание в списке.</translation>
    </message>
    <message>
        <source>{0} is forgotten.</source>
        <translation>{0} забыто.</translation>
    </message>
    <message>
        <source>{0} ({1}, last used {2})</source>
        <translation>{0} ({1}, последнее использование {2})</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>pictures of the console&apos;s window, {0} per second;</source>
        <translation>снимки окна пульта, {0} в секунду;</translation>
    </message>
    <message>
        <source>no pictures of the window;</source>
        <translation>снимки окна не делаются;</translation>
    </message>
    <message>
        <source>You are taking part in a usability study of this interpreting console. While the session runs, it records:</source>
        <translation>Вы участвуете в исследовании удобства этого пульта устного перевода. Во время сеанса записывается:</translation>
    </message>
    <message>
        <source>- what you hear in your headset and what you say into your microphone;</source>
        <translation>- то, что вы слышите в наушниках, и то, что вы говорите в микрофон;</translation>
    </message>
    <message>
        <source>- every key you press and every control you use in the console;</source>
        <translation>- каждую нажатую клавишу и каждый элемент управления, которым вы пользуетесь в пульте;</translation>
    </message>
    <message>
        <source>- your answers to a few questions at the end.</source>
        <translation>- ваши ответы на несколько вопросов в конце.</translation>
    </message>
    <message>
        <source>Everything stays on this computer, in the folder {0}. Nothing is sent anywhere. The report names you by a pseudonym only.</source>
        <translation>Всё остаётся на этом компьютере, в папке {0}. Ничего никуда не отправляется. В отчёте вы указаны только под псевдонимом.</translation>
    </message>
    <message>
        <source>You may stop at any time: close the window, and tell the researcher whether to delete what was recorded.</source>
        <translation>Вы можете остановиться в любой момент: закройте окно и скажите исследователю, удалить ли записанное.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Before the study starts</source>
        <translation>Перед началом исследования</translation>
    </message>
    <message>
        <source>Consent to the study</source>
        <translation>Согласие на участие в исследовании</translation>
    </message>
    <message>
        <source>What the study records</source>
        <translation>Что записывает исследование</translation>
    </message>
    <message>
        <source>Recordings are kept in: {0}</source>
        <translation>Записи хранятся в: {0}</translation>
    </message>
    <message>
        <source>I &amp;do not agree: stop here</source>
        <translation>Я &amp;не согласен(на): остановиться</translation>
    </message>
    <message>
        <source>Decline: nothing is recorded</source>
        <translation>Отказаться: ничего не записывается</translation>
    </message>
    <message>
        <source>I &amp;agree: start the session</source>
        <translation>Я &amp;согласен(на): начать сеанс</translation>
    </message>
    <message>
        <source>Agree and start the session</source>
        <translation>Согласиться и начать сеанс</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>RSI console</source>
        <translation>Пульт RSI</translation>
    </message>
    <message>
        <source>Interpreter console</source>
        <translation>Пульт переводчика</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Подключиться…</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>О пульте RSI</translation>
    </message>
    <message>
        <source>RSI console: remote simultaneous interpretation, free software. Every action is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys.</source>
        <translation>Пульт RSI: дистанционный синхронный перевод, свободное ПО. Каждое действие есть в меню вместе с его клавишей; клавиши меняются в пункте Справка ▸ Горячие клавиши.</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>unknown</source>
        <translation>неизвестен</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Шлюз</translation>
    </message>
    <message>
        <source>Gateway · {0}</source>
        <translation>Шлюз · {0}</translation>
    </message>
    <message>
        <source>loop: {0}</source>
        <translation>петля: {0}</translation>
    </message>
    <message>
        <source>no source: {0}</source>
        <translation>нет источника: {0}</translation>
    </message>
    <message>
        <source>original</source>
        <translation>оригинал</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>зал</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>RSI console – coordinator</source>
        <translation>Пульт RSI – координатор</translation>
    </message>
    <message>
        <source>Coordinator console</source>
        <translation>Пульт координатора</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Заседание</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>&amp;Floor language:</source>
        <translation>Язык &amp;зала:</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Язык зала</translation>
    </message>
    <message>
        <source>Who set the floor language</source>
        <translation>Кто задал язык зала</translation>
    </message>
    <message>
        <source>Listening to</source>
        <translation>Слушаю</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Слушатели</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
    <message>
        <source>{0} listeners</source>
        <translation>слушателей: {0}</translation>
    </message>
    <message>
        <source>Listening to {0}</source>
        <translation>Слушаю {0}</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Ничего не слушаю</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>подключено</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>переподключение</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>не подключено</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>соединение потеряно</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задан</translation>
    </message>
</context>
<context>
    <name>Ear</name>
    <message>
        <source>both ears</source>
        <translation>оба уха</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>левое ухо</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>правое ухо</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Sound check</source>
        <translation>Проверка звука</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>&amp;Skip the check</source>
        <translation>&amp;Пропустить проверку</translation>
    </message>
    <message>
        <source>1. Your headset and microphone</source>
        <translation>1. Ваша гарнитура и микрофон</translation>
    </message>
    <message>
        <source>Plug in your headset, then choose it and its microphone. A USB headset with a microphone close to your mouth sounds best; the computer&apos;s own loudspeakers and microphone are not fit for interpreting.</source>
        <translation>Подключите гарнитуру, затем выберите её и её микрофон. Лучше всего звучит USB-гарнитура с микрофоном у рта; встроенные динамики и микрофон компьютера для перевода не годятся.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Микрофон</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Гарнитура</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>Состояние устройств</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>Гарнит&amp;ура:</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Микрофон:</translation>
    </message>
    <message>
        <source>2. Hear the reference voice</source>
        <translation>2. Прослушайте эталонный голос</translation>
    </message>
    <message>
        <source>The headset check plays a voice at the level of every meeting; you set it comfortable, and hearing protection learns how loud your headset plays.</source>
        <translation>Проверка гарнитуры воспроизводит голос на уровне любого заседания; вы делаете его комфортным, и защита слуха узнаёт, насколько громко играет ваша гарнитура.</translation>
    </message>
    <message>
        <source>&amp;Open the headset check…</source>
        <translation>&amp;Открыть проверку гарнитуры…</translation>
    </message>
    <message>
        <source>Open the headset check</source>
        <translation>Открыть проверку гарнитуры</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>Состояние проверки гарнитуры</translation>
    </message>
    <message>
        <source>3. Speak and watch your microphone</source>
        <translation>3. Говорите и следите за микрофоном</translation>
    </message>
    <message>
        <source>Speak as you do in the booth: the bar should move well into its upper half. If it stays still, go back and choose another microphone.</source>
        <translation>Говорите, как в кабине: полоса должна уверенно заходить в верхнюю половину. Если она не движется, вернитесь назад и выберите другой микрофон.</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>нет сигнала</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Уровень микрофона</translation>
    </message>
    <message>
        <source>4. Ready</source>
        <translation>4. Готово</translation>
    </message>
    <message>
        <source>Your sound is set. To join a meeting, press Connect in the window or choose {0}, and paste the hub address and the token the organiser sent you. To run this check again: {1}.</source>
        <translation>Звук настроен. Чтобы войти в заседание, нажмите «Подключиться» в окне или выберите {0} и вставьте адрес хаба и токен, присланные организатором. Чтобы повторить эту проверку: {1}.</translation>
    </message>
    <message>
        <source>Done: your headset plays speech at a level you chose.</source>
        <translation>Готово: гарнитура воспроизводит речь на выбранном вами уровне.</translation>
    </message>
    <message>
        <source>Not done yet: hearing protection keeps its safe default until you do it.</source>
        <translation>Ещё не сделано: до этого защита слуха сохраняет безопасное значение по умолчанию.</translation>
    </message>
</context>
<context>
    <name>FloorLanguage</name>
    <message>
        <source>(set by {0})</source>
        <translation>(задал(а) {0})</translation>
    </message>
    <message>
        <source>(from the meeting&apos;s settings)</source>
        <translation>(из настроек заседания)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задан</translation>
    </message>
    <message>
        <source>Floor language: {0} {1}</source>
        <translation>Язык зала: {0} {1}</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <source>Handover</source>
        <translation>Передача</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Напарник по кабине</translation>
    </message>
    <message>
        <source>Turn timer</source>
        <translation>Таймер смены</translation>
    </message>
    <message>
        <source>Pending handover</source>
        <translation>Ожидающая передача</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Что делать</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Предложить</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запросить</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Принять</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Partner: nobody else in the booth</source>
        <translation>Напарник: в кабине больше никого нет</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>отключён</translation>
    </message>
    <message>
        <source>live, coughing</source>
        <translation>в эфире, кашель</translation>
    </message>
    <message>
        <source>live</source>
        <translation>в эфире</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>слушает</translation>
    </message>
    <message>
        <source>Partner: {0}</source>
        <translation>Напарник: {0}</translation>
    </message>
    <message>
        <source>Turn {0}</source>
        <translation>Смена {0}</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (не актуально: хаб не слышен)</translation>
    </message>
    <message>
        <source>{0} offers you the air: accept to take over</source>
        <translation>{0} предлагает вам микрофон: примите, чтобы принять смену</translation>
    </message>
    <message>
        <source>{0} asks for the air: accept to hand over</source>
        <translation>{0} просит микрофон: примите, чтобы передать смену</translation>
    </message>
    <message>
        <source>You offered the air to {0}: waiting</source>
        <translation>Вы предложили микрофон {0}: ожидание</translation>
    </message>
    <message>
        <source>You asked {0} for the air: waiting</source>
        <translation>Вы попросили микрофон у {0}: ожидание</translation>
    </message>
    <message>
        <source>Press {0} to take the air</source>
        <translation>Нажмите {0}, чтобы взять эфир</translation>
    </message>
    <message>
        <source>Press Accept to take the air</source>
        <translation>Нажмите «Принять», чтобы взять эфир</translation>
    </message>
    <message>
        <source>Press {0} to hand over the air</source>
        <translation>Нажмите {0}, чтобы передать эфир</translation>
    </message>
    <message>
        <source>Press Accept to hand over the air</source>
        <translation>Нажмите «Принять», чтобы передать эфир</translation>
    </message>
</context>
<context>
    <name>HeadsetCheckDialog</name>
    <message>
        <source>Headset check</source>
        <translation>Проверка гарнитуры</translation>
    </message>
    <message>
        <source>Put on your headset and press Play: you hear a voice at the level the console brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow keys) until it is comfortable, as you would like to hear a speaker for an hour; if it is still too quiet at the top, turn up your headset or computer. Then press Done, and leave your computer&apos;s volume where it is.</source>
        <translation>Наденьте гарнитуру и нажмите «Воспроизвести»: вы услышите голос на уровне, к которому пульт приводит каждое заседание ({0:.0f} LUFS). Регулируйте его ползунком (или клавишами со стрелками), пока он не станет комфортным, как вам хотелось бы слушать оратора в течение часа; если и на максимуме слишком тихо, увеличьте громкость гарнитуры или компьютера. Затем нажмите «Готово» и больше не меняйте громкость компьютера.</translation>
    </message>
    <message>
        <source>The console assumes that a comfortable level for speech is about {0:.0f} dB SPL (most people choose 70 to 75) and sets hearing protection from the level you choose: the ceiling, the limit for sound that stays loud, and the warning after a loud minute. If you have a sound level meter, calibrate with it in Settings instead: it is more exact.</source>
        <translation>Пульт считает, что комфортный уровень речи — около {0:.0f} дБ SPL (большинство выбирает от 70 до 75), и настраивает защиту слуха по выбранному вами уровню: потолок, предел для звука, который остаётся громким, и предупреждение после громкой минуты. Если у вас есть шумомер, лучше откалибруйте с ним в настройках: это точнее.</translation>
    </message>
    <message>
        <source>Volume of the voice</source>
        <translation>Громкость голоса</translation>
    </message>
    <message>
        <source>Volume of the voice, in dB</source>
        <translation>Громкость голоса, дБ</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>Гр&amp;омкость:</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>Состояние проверки гарнитуры</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Done: calibrate from this volume</source>
        <translation>Готово: калибровать по этой громкости</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Sto&amp;p the voice</source>
        <translation>Ос&amp;тановить голос</translation>
    </message>
    <message>
        <source>&amp;Play the voice</source>
        <translation>&amp;Воспроизвести голос</translation>
    </message>
    <message>
        <source>The voice is stopped. Press Done to calibrate.</source>
        <translation>Голос остановлен. Нажмите «Готово», чтобы откалибровать.</translation>
    </message>
    <message>
        <source>The voice plays. Set it comfortable, then press Done.</source>
        <translation>Голос звучит. Сделайте его комфортным и нажмите «Готово».</translation>
    </message>
    <message>
        <source>{0:+.0f} dB</source>
        <translation>{0:+.0f} дБ</translation>
    </message>
</context>
<context>
    <name>InputPanel</name>
    <message>
        <source>Input</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Зал</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Реле</translation>
    </message>
    <message>
        <source>Relay:</source>
        <translation>Реле:</translation>
    </message>
    <message>
        <source>Pre-selected relay channel</source>
        <translation>Предварительно выбранный канал реле</translation>
    </message>
    <message>
        <source>Relay quality</source>
        <translation>Качество реле</translation>
    </message>
    <message>
        <source>Auto-relay</source>
        <translation>Автореле</translation>
    </message>
    <message>
        <source>The input follows the best source as the floor language changes</source>
        <translation>Вход следует за лучшим источником при смене языка зала</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Язык зала</translation>
    </message>
    <message>
        <source>Why this source</source>
        <translation>Почему этот источник</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Что вы слышите</translation>
    </message>
    <message>
        <source>Your audience</source>
        <translation>Ваша аудитория</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Каналы</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <source>Relay volume</source>
        <translation>Громкость реле</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>Низкие</translation>
    </message>
    <message>
        <source>Treble</source>
        <translation>Высокие</translation>
    </message>
    <message>
        <source>Floor ear</source>
        <translation>Ухо для зала</translation>
    </message>
    <message>
        <source>Relay ear</source>
        <translation>Ухо для реле</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Напарник по кабине</translation>
    </message>
    <message>
        <source>Hear my booth&apos;s output</source>
        <translation>Слышать выход моей кабины</translation>
    </message>
    <message>
        <source>Ear</source>
        <translation>Ухо</translation>
    </message>
    <message>
        <source>Even level of the floor</source>
        <translation>Выравнивание уровня зала</translation>
    </message>
    <message>
        <source>Even level of the relay</source>
        <translation>Выравнивание уровня реле</translation>
    </message>
    <message>
        <source>Even level of the booth partner</source>
        <translation>Выравнивание уровня напарника по кабине</translation>
    </message>
    <message>
        <source>Even level</source>
        <translation>Выравнивание уровня</translation>
    </message>
    <message>
        <source>Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at most {1:g} dB; the meters show it as it arrives</source>
        <translation>Приводит этот вход к общей громкости ({0:g} LUFS) медленным усилением не более {1:g} дБ; индикаторы показывают его таким, каким он приходит</translation>
    </message>
    <message>
        <source>Floor volume</source>
        <translation>Громкость зала</translation>
    </message>
    <message>
        <source>Keys: {0} louder, {1} softer</source>
        <translation>Клавиши: {0} громче, {1} тише</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>You hear: nothing</source>
        <translation>Вы слышите: ничего</translation>
    </message>
    <message>
        <source>You hear: the floor</source>
        <translation>Вы слышите: зал</translation>
    </message>
    <message>
        <source>You hear: the floor in your {0}, relay from {1} in your {2}</source>
        <translation>Вы слышите: зал — {0}, реле с {1} — {2}</translation>
    </message>
    <message>
        <source>You hear: relay from {0} ({1})</source>
        <translation>Вы слышите: реле с {0} ({1})</translation>
    </message>
    <message>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>арабский</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>китайский</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>нидерландский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>английский</translation>
    </message>
    <message>
        <source>French</source>
        <translation>французский</translation>
    </message>
    <message>
        <source>German</source>
        <translation>немецкий</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>греческий</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>иврит</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>хинди</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>итальянский</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>японский</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>корейский</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>персидский</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>польский</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>португальский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>русский</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>испанский</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>шведский</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>турецкий</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>украинский</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>peak {0:.0f} dBFS, average {1:.0f} dBFS{2}</source>
        <translation>пик {0:.0f} dBFS, среднее {1:.0f} dBFS{2}</translation>
    </message>
    <message>
        <source>, clipping</source>
        <translation>, перегрузка</translation>
    </message>
</context>
<context>
    <name>ListenerWindow</name>
    <message>
        <source>RSI console – listener</source>
        <translation>Пульт RSI – слушатель</translation>
    </message>
    <message>
        <source>Listener console</source>
        <translation>Пульт слушателя</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Заседание</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Level of what you hear</source>
        <translation>Уровень того, что вы слышите</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Что вы слышите</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
    <message>
        <source>No interpreter is on air in this language: you hear the floor (the speaker&apos;s own language)</source>
        <translation>На этом языке никто из переводчиков не в эфире: вы слышите зал (язык оратора)</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Выберите язык</translation>
    </message>
    <message>
        <source>You hear {0}</source>
        <translation>Вы слышите {0}</translation>
    </message>
    <message>
        <source>Floor (original)</source>
        <translation>Зал (оригинал)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Meeting</source>
        <translation>&amp;Заседание</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>Зв&amp;ук</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Строка меню</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>Непрочитанные сообщения</translation>
    </message>
    <message>
        <source>Message from a coordinator</source>
        <translation>Сообщение от координатора</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Полученные сообщения</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Кабина</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Координатор</translation>
    </message>
    <message>
        <source>Send the message to</source>
        <translation>Кому отправить сообщение</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Message… [{0}]</source>
        <translation>Сообщение… [{0}]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Отправить сообщение</translation>
    </message>
    <message>
        <source>Slow down, please</source>
        <translation>Помедленнее, пожалуйста</translation>
    </message>
    <message>
        <source>Asks the speaker to slow down: the coordinators and the chair see that it comes from you</source>
        <translation>Просит оратора говорить медленнее: координаторы и председатель видят, что это от вас</translation>
    </message>
    <message>
        <source>Messages — {0} unread</source>
        <translation>Сообщения — непрочитанных: {0}</translation>
    </message>
    <message>
        <source>{0} unread: {1} to read and answer</source>
        <translation>Непрочитанных: {0}; {1} — прочитать и ответить</translation>
    </message>
    <message>
        <source>booth</source>
        <translation>кабина</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: press {1} to read and answer</source>
        <translation>Сообщение от {0}, координатор: нажмите {1}, чтобы прочитать и ответить</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: read and answer below</source>
        <translation>Сообщение от {0}, координатор: прочитайте и ответьте ниже</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: {1}</source>
        <translation>Сообщение от {0}, координатор: {1}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Connection restored: listening to {0} again.</source>
        <translation>Соединение восстановлено: снова слушаю {0}.</translation>
    </message>
    <message>
        <source>You were on air on {0}: the microphone is off. Press it to speak again.</source>
        <translation>Вы были в эфире на {0}: микрофон выключен. Нажмите его, чтобы снова говорить.</translation>
    </message>
    <message>
        <source>A coordinator switched your microphone off.</source>
        <translation>Координатор выключил ваш микрофон.</translation>
    </message>
    <message>
        <source>You have no output channel: are you in a booth?</source>
        <translation>У вас нет выходного канала: вы в кабине?</translation>
    </message>
    <message>
        <source>“Slow down” was sent: the coordinators and the chair see that it comes from you.</source>
        <translation>«Помедленнее» отправлено: координаторы и председатель видят, что это от вас.</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>В этом окне настройки недоступны.</translation>
    </message>
</context>
<context>
    <name>NoticesArea</name>
    <message>
        <source>Notices</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>Уведомлений нет</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0} (и ещё {1})</translation>
    </message>
    <message>
        <source>You are not in a meeting. To join one, press Connect or choose {0}.</source>
        <translation>Вы не участвуете в заседании. Чтобы войти, нажмите «Подключиться» или выберите {0}.</translation>
    </message>
    <message>
        <source>No sound card: you hear nothing (the meters and the floor keep running). Connect a headset, then choose it in {0}, page Audio.</source>
        <translation>Нет звуковой карты: вы ничего не слышите (индикаторы и зал продолжают работать). Подключите гарнитуру, затем выберите её в {0}, страница «Звук».</translation>
    </message>
    <message>
        <source>Sound card problem: {0}</source>
        <translation>Проблема со звуковой картой: {0}</translation>
    </message>
    <message>
        <source>Floor sound is poor: {0}</source>
        <translation>Плохой звук зала: {0}</translation>
    </message>
</context>
<context>
    <name>ParticipantTable</name>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Кабина</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Пинг</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Джиттер</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Потери</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>данных пока нет</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>плохая</translation>
    </message>
    <message>
        <source>good</source>
        <translation>хорошая</translation>
    </message>
    <message>
        <source> (on air)</source>
        <translation> (в эфире)</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>Peaks above the safe ceiling are cut off.</source>
        <translation>Пики выше безопасного потолка срезаются.</translation>
    </message>
    <message>
        <source>The sound stays too loud, so it is turned down while it lasts.</source>
        <translation>Звук остаётся слишком громким, поэтому он приглушается, пока это длится.</translation>
    </message>
    <message>
        <source>A sudden bang is being turned down.</source>
        <translation>Внезапный удар приглушается.</translation>
    </message>
    <message>
        <source>Feedback howl is being turned down.</source>
        <translation>Свист обратной связи приглушается.</translation>
    </message>
    <message>
        <source>You listened loudly for a while, so the volume is lowered to rest your ears.</source>
        <translation>Вы какое-то время слушали громко, поэтому громкость снижена, чтобы уши отдохнули.</translation>
    </message>
    <message>
        <source>The last safety stage is cutting peaks that got through.</source>
        <translation>Последняя ступень защиты срезает пропущенные пики.</translation>
    </message>
    <message>
        <source>A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears.</source>
        <translation>Внезапный громкий звук ({0:.0f} дБ SPL) приглушён, чтобы защитить ваш слух.</translation>
    </message>
    <message>
        <source>Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the microphone that is too close to a loudspeaker.</source>
        <translation>Свист обратной связи ({0:.0f} Гц) приглушается. Попросите техника выключить микрофон, который стоит слишком близко к громкоговорителю.</translation>
    </message>
    <message>
        <source>The feedback howl has stopped: the sound comes back.</source>
        <translation>Свист обратной связи прекратился: звук возвращается.</translation>
    </message>
    <message>
        <source>The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your volume down.</source>
        <translation>Звук слишком громкий ({0:.0f} дБ SPL) и приглушается, пока это длится. Уменьшите громкость.</translation>
    </message>
    <message>
        <source>The sound is no longer too loud: it is back to your volume.</source>
        <translation>Звук больше не слишком громкий: он вернулся к вашей громкости.</translation>
    </message>
    <message>
        <source>Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered for {1} minutes to protect your hearing. If that was your usual level, run the headset check (in Settings) so the console knows how loud your headset is.</source>
        <translation>За последнюю минуту вы слушали в среднем на {0:.0f} дБ SPL: громкость снижена на {1} мин, чтобы защитить ваш слух. Если это ваш обычный уровень, пройдите проверку гарнитуры (в настройках), чтобы пульт знал, насколько громкая у вас гарнитура.</translation>
    </message>
    <message>
        <source>The volume is back where you set it after resting your ears.</source>
        <translation>Громкость вернулась к вашей настройке после отдыха для ушей.</translation>
    </message>
    <message>
        <source>The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the technician: this should not happen.</source>
        <translation>Последняя ступень защиты срезала пропущенный пик {0:.0f} дБ SPL. Сообщите технику: такого быть не должно.</translation>
    </message>
    <message>
        <source>Broken samples in the sound were replaced by silence. Please tell the technician.</source>
        <translation>Повреждённые отсчёты звука заменены тишиной. Сообщите технику.</translation>
    </message>
    <message>
        <source>Hearing protection: not acting.</source>
        <translation>Защита слуха: не действует.</translation>
    </message>
    <message>
        <source>Hearing protection turns the sound down by {0:.0f} dB. {1}</source>
        <translation>Защита слуха снижает звук на {0:.0f} дБ. {1}</translation>
    </message>
    <message>
        <source>Hearing protection acted on the sound.</source>
        <translation>Сработала защита слуха.</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>floor</source>
        <translation>зал</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>нет источника</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>A few questions about the session</source>
        <translation>Несколько вопросов о сеансе</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Вопросы</translation>
    </message>
    <message>
        <source>Questions left</source>
        <translation>Осталось вопросов</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Finish: save the answers</source>
        <translation>Готово: сохранить ответы</translation>
    </message>
    <message>
        <source>Using the console (System Usability Scale)</source>
        <translation>Работа с пультом (System Usability Scale)</translation>
    </message>
    <message>
        <source>From 1, strongly disagree, to 5, strongly agree.</source>
        <translation>От 1 (совершенно не согласен) до 5 (полностью согласен).</translation>
    </message>
    <message>
        <source>{0}: strongly disagree</source>
        <translation>{0}: совершенно не согласен</translation>
    </message>
    <message>
        <source>{0}: strongly agree</source>
        <translation>{0}: полностью согласен</translation>
    </message>
    <message>
        <source>The workload (NASA-TLX)</source>
        <translation>Нагрузка (NASA-TLX)</translation>
    </message>
    <message>
        <source>From 0 to 100, in steps of 5.</source>
        <translation>От 0 до 100, с шагом 5.</translation>
    </message>
    <message>
        <source>Your views</source>
        <translation>Ваше мнение</translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>На все вопросы даны ответы.</translation>
    </message>
    <message>
        <source>Questions left: {0}.</source>
        <translation>Осталось вопросов: {0}.</translation>
    </message>
</context>
<context>
    <name>Relays</name>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>никого в эфире, передаётся зал</translation>
    </message>
    <message>
        <source>on air, but its interpreter hears nothing</source>
        <translation>в эфире, но его переводчик ничего не слышит</translation>
    </message>
    <message>
        <source>interpreted from {0}, never reaching the floor</source>
        <translation>переведено с {0}, не восходит к залу</translation>
    </message>
    <message>
        <source>relay, interpreted from {0}</source>
        <translation>реле, переведено с {0}</translation>
    </message>
    <message>
        <source>relay of relay, interpreted from {0}</source>
        <translation>реле с реле, переведено с {0}</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>floor: the floor itself, no interpretation in between</source>
        <translation>зал: сам зал, без промежуточного перевода</translation>
    </message>
    <message>
        <source>+: one interpretation away from the floor (a direct relay)</source>
        <translation>+: один перевод от зала (прямое реле)</translation>
    </message>
    <message>
        <source>−: two or more interpretations away from the floor (relay of relay)</source>
        <translation>−: два или более перевода от зала (реле с реле)</translation>
    </message>
    <message>
        <source>no source: this channel does not lead back to the floor</source>
        <translation>нет источника: этот канал не восходит к залу</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the hearing-protection levels must be numbers</source>
        <translation>уровни защиты слуха должны быть числами</translation>
    </message>
    <message>
        <source>the hearing-protection levels may be lowered, but not raised above 100 / 94 / 80 dB SPL</source>
        <translation>уровни защиты слуха можно понижать, но нельзя поднимать выше 100 / 94 / 80 дБ SPL</translation>
    </message>
    <message>
        <source>the hearing-protection levels cannot be set below 60 dB SPL</source>
        <translation>уровни защиты слуха нельзя задать ниже 60 дБ SPL</translation>
    </message>
    <message>
        <source>the ceiling must be at least the sustained limit, and the sustained limit at least the exposure warning</source>
        <translation>потолок должен быть не ниже длительного предела, а длительный предел — не ниже предупреждения о нагрузке</translation>
    </message>
    <message>
        <source>“{0}” for “{1}” is not a key combination: press the keys again</source>
        <translation>«{0}» для «{1}» — не сочетание клавиш: нажмите клавиши ещё раз</translation>
    </message>
    <message>
        <source>{0} moves between controls; choose another key for “{1}”</source>
        <translation>{0} служит для перехода между элементами; выберите другую клавишу для «{1}»</translation>
    </message>
    <message>
        <source>{0} is already the key of “{1}”; choose another key for “{2}”</source>
        <translation>{0} уже назначена для «{1}»; выберите другую клавишу для «{2}»</translation>
    </message>
    <message>
        <source>there is no action “{0}” any more</source>
        <translation>действия «{0}» больше нет</translation>
    </message>
    <message>
        <source>The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; the safe default of {3:g} dB SPL is used until you calibrate again.</source>
        <translation>Сохранённая калибровка гарнитуры ({0:g} дБ SPL) вне диапазона от {1:g} до {2:g}; до новой калибровки используется безопасное значение {3:g} дБ SPL.</translation>
    </message>
    <message>
        <source>the calibration must be {0:g} to {1:g} dB SPL</source>
        <translation>калибровка должна быть от {0:g} до {1:g} дБ SPL</translation>
    </message>
    <message>
        <source>The stored calibration source ({0}) is unknown: “measured” is shown.</source>
        <translation>Сохранённый способ калибровки ({0}) неизвестен: показано «измерено».</translation>
    </message>
    <message>
        <source>The stored hearing-protection levels are ignored ({0}); the defaults apply.</source>
        <translation>Сохранённые уровни защиты слуха не учитываются ({0}); действуют значения по умолчанию.</translation>
    </message>
    <message>
        <source>The stored shortcuts are unreadable; the default keys apply.</source>
        <translation>Сохранённые горячие клавиши не удалось прочитать; действуют клавиши по умолчанию.</translation>
    </message>
    <message>
        <source>Your shortcuts are ignored ({0}); the default keys apply.</source>
        <translation>Ваши горячие клавиши не учитываются ({0}); действуют клавиши по умолчанию.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not on or off; even levels are on.</source>
        <translation>Сохранённое значение «{0}» ({1}) — не «вкл.» и не «выкл.»; выравнивание уровня включено.</translation>
    </message>
    <message>
        <source>The stored theme “{0}” does not exist; the light theme is used.</source>
        <translation>Сохранённой темы «{0}» не существует; используется светлая тема.</translation>
    </message>
    <message>
        <source>The stored language “{0}” is not one of the console&apos;s; the computer&apos;s language is used.</source>
        <translation>Сохранённый язык «{0}» не входит в число языков пульта; используется язык компьютера.</translation>
    </message>
    <message>
        <source>The list of remembered meetings was unreadable and is not shown.</source>
        <translation>Список запомненных заседаний не удалось прочитать, он не показан.</translation>
    </message>
    <message>
        <source>The stored window position was unreadable.</source>
        <translation>Сохранённое положение окна не удалось прочитать.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” was unreadable and is ignored.</source>
        <translation>Сохранённое значение «{0}» не удалось прочитать, оно не учитывается.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not a number; {2:g} is used.</source>
        <translation>Сохранённое значение «{0}» ({1}) не является числом; используется {2:g}.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not true or false; {2} is used.</source>
        <translation>Сохранённое значение «{0}» ({1}) не является ни true, ни false; используется {2}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Страницы настроек</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>&amp;Звук</translation>
    </message>
    <message>
        <source>&amp;Hearing protection</source>
        <translation>Защита с&amp;луха</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>&amp;Горячие клавиши</translation>
    </message>
    <message>
        <source>&amp;Theme and language</source>
        <translation>&amp;Тема и язык</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>&amp;Применить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Микрофон</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Гарнитура</translation>
    </message>
    <message>
        <source>Look for &amp;new devices</source>
        <translation>Искать новые у&amp;стройства</translation>
    </message>
    <message>
        <source>Look for new devices</source>
        <translation>Искать новые устройства</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>Состояние устройств</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>нет сигнала</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Уровень микрофона</translation>
    </message>
    <message>
        <source>Headset level</source>
        <translation>Уровень гарнитуры</translation>
    </message>
    <message>
        <source>Play a test t&amp;one</source>
        <translation>Тестовый с&amp;игнал</translation>
    </message>
    <message>
        <source>Play a test tone</source>
        <translation>Воспроизвести тестовый сигнал</translation>
    </message>
    <message>
        <source>Hear &amp;yourself</source>
        <translation>Слы&amp;шать себя</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <translation>Слышать себя</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Микрофон:</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>Гар&amp;нитура:</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>Уровень микрофона:</translation>
    </message>
    <message>
        <source>Headset level:</source>
        <translation>Уровень гарнитуры:</translation>
    </message>
    <message>
        <source>The console protects your hearing: it never lets a sound in your headset go above a ceiling, turns down sound that stays too loud, and pulls down sudden bangs and feedback howl at once. To do that it must know how loud your headset really is. Until you calibrate it, the console assumes a loud headset, so protection acts early rather than late. Without a meter, run the headset check: set a voice to a comfortable level. If you have a sound level meter, play the test tone, measure it at the ear cup, and enter the reading.</source>
        <translation>Пульт защищает ваш слух: он никогда не пропускает в гарнитуру звук выше потолка, приглушает звук, который остаётся слишком громким, и сразу гасит внезапные удары и свист обратной связи. Для этого он должен знать, насколько громкая у вас гарнитура. Пока вы её не откалибровали, пульт считает её громкой, чтобы защита срабатывала скорее раньше, чем позже. Без шумомера пройдите проверку гарнитуры: установите комфортный уровень голоса. Если у вас есть шумомер, включите тестовый сигнал, измерьте его у чашки наушника и введите показание.</translation>
    </message>
    <message>
        <source>Headset loudness at full scale</source>
        <translation>Громкость гарнитуры при полной шкале</translation>
    </message>
    <message>
        <source>The sound level, in dB SPL, of the loudest tone the headset can play.</source>
        <translation>Уровень звука в дБ SPL самого громкого сигнала, который может дать гарнитура.</translation>
    </message>
    <message>
        <source>Headset chec&amp;k…</source>
        <translation>Проверка гар&amp;нитуры…</translation>
    </message>
    <message>
        <source>Headset check: calibrate by choosing a comfortable level, without a meter</source>
        <translation>Проверка гарнитуры: калибровка по комфортному уровню, без шумомера</translation>
    </message>
    <message>
        <source>Safe de&amp;fault</source>
        <translation>&amp;Безопасное значение</translation>
    </message>
    <message>
        <source>Use the safe default calibration</source>
        <translation>Использовать безопасную калибровку по умолчанию</translation>
    </message>
    <message>
        <source>Measured level of the test tone</source>
        <translation>Измеренный уровень тестового сигнала</translation>
    </message>
    <message>
        <source>&amp;Use this reading</source>
        <translation>&amp;Использовать это показание</translation>
    </message>
    <message>
        <source>Calibrate from the measured level</source>
        <translation>Откалибровать по измеренному уровню</translation>
    </message>
    <message>
        <source>Play the calibration t&amp;one</source>
        <translation>Калибровочный &amp;сигнал</translation>
    </message>
    <message>
        <source>Play the calibration tone</source>
        <translation>Воспроизвести калибровочный сигнал</translation>
    </message>
    <message>
        <source>Instant ceiling</source>
        <translation>Мгновенный потолок</translation>
    </message>
    <message>
        <source>Sustained limit</source>
        <translation>Длительный предел</translation>
    </message>
    <message>
        <source>Exposure warning</source>
        <translation>Предупреждение о нагрузке</translation>
    </message>
    <message>
        <source>Hearing protection status</source>
        <translation>Состояние защиты слуха</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>&amp;Калибровка:</translation>
    </message>
    <message>
        <source>&amp;Meter reading:</source>
        <translation>Показание &amp;шумомера:</translation>
    </message>
    <message>
        <source>Limits (may be lowered, not raised)</source>
        <translation>Пределы (можно понижать, нельзя поднимать)</translation>
    </message>
    <message>
        <source>Ce&amp;iling:</source>
        <translation>П&amp;отолок:</translation>
    </message>
    <message>
        <source>Sustaine&amp;d limit:</source>
        <translation>&amp;Длительный предел:</translation>
    </message>
    <message>
        <source>E&amp;xposure warning:</source>
        <translation>Пред&amp;упреждение о нагрузке:</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Светлая</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>Тё&amp;мная</translation>
    </message>
    <message>
        <source>Hi&amp;gh contrast (strongest contrast, largest focus frame)</source>
        <translation>&amp;Высокий контраст (самый сильный контраст, самая широкая рамка фокуса)</translation>
    </message>
    <message>
        <source>&amp;Reduced motion: highlight requests, never flash</source>
        <translation>&amp;Меньше движения: выделять запросы без мигания</translation>
    </message>
    <message>
        <source>Chime in the headset at a hando&amp;ver request or a coordinator&apos;s message</source>
        <translation>Сигнал в наушниках при запросе на сме&amp;ну или сообщении координатора</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>Язык компьютера</translation>
    </message>
    <message>
        <source>A new language shows when the console starts again.</source>
        <translation>Новый язык появится при следующем запуске пульта.</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full scale. Press Apply.</source>
        <translation>Откалибровано по сигналу {0:.0f} dBFS: гарнитура даёт {1:.1f} дБ SPL при полной шкале. Нажмите «Применить».</translation>
    </message>
    <message>
        <source>Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact.</source>
        <translation>Гарнитура откалибрована проверкой гарнитуры ({0:.0f} дБ SPL при полной шкале, если выбранный вами уровень — {1:.0f} дБ SPL). Показание шумомера точнее.</translation>
    </message>
    <message>
        <source>Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale).</source>
        <translation>Гарнитура откалибрована по измерению ({0:.0f} дБ SPL при полной шкале).</translation>
    </message>
    <message>
        <source>Not calibrated: the safe default of {0:.0f} dB SPL is assumed.</source>
        <translation>Не откалибровано: принято безопасное значение {0:.0f} дБ SPL.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Системное по умолчанию</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0} (не подключено)</translation>
    </message>
    <message>
        <source>Close the meeting&apos;s audio first: devices cannot be searched while in use.</source>
        <translation>Сначала закройте звук заседания: устройства нельзя искать, пока они заняты.</translation>
    </message>
    <message>
        <source>The device lists are up to date.</source>
        <translation>Списки устройств обновлены.</translation>
    </message>
    <message>
        <source> dB SPL</source>
        <translation> дБ SPL</translation>
    </message>
</context>
<context>
    <name>ShortcutEditor</name>
    <message>
        <source>Actions and their keys</source>
        <translation>Действия и их клавиши</translation>
    </message>
    <message>
        <source>Choose an action with the arrow keys, then record a new key below.</source>
        <translation>Выберите действие стрелками, затем запишите новую клавишу ниже.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Клавиша</translation>
    </message>
    <message>
        <source>New key for the chosen action</source>
        <translation>Новая клавиша для выбранного действия</translation>
    </message>
    <message>
        <source>Press the key combination; it is assigned when you stop typing.</source>
        <translation>Нажмите сочетание клавиш; оно назначается, когда вы перестаёте нажимать.</translation>
    </message>
    <message>
        <source>&amp;New key:</source>
        <translation>&amp;Новая клавиша:</translation>
    </message>
    <message>
        <source>N&amp;o key</source>
        <translation>&amp;Без клавиши</translation>
    </message>
    <message>
        <source>Remove the key of the chosen action</source>
        <translation>Убрать клавишу выбранного действия</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>Клавиша по &amp;умолчанию</translation>
    </message>
    <message>
        <source>Give the chosen action its default key</source>
        <translation>Вернуть выбранному действию клавишу по умолчанию</translation>
    </message>
    <message>
        <source>All de&amp;faults</source>
        <translation>&amp;Все по умолчанию</translation>
    </message>
    <message>
        <source>Give every action its default key</source>
        <translation>Вернуть всем действиям клавиши по умолчанию</translation>
    </message>
    <message>
        <source>Shortcut conflicts</source>
        <translation>Конфликты горячих клавиш</translation>
    </message>
    <message>
        <source>{0} (conflict)</source>
        <translation>{0} (конфликт)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Meeting and booth</source>
        <translation>Заседание и кабина</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation>Качество связи</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
    <message>
        <source>{0} — {1} booth — {2}</source>
        <translation>{0} — кабина {1} — {2}</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>Подключено к {0}</translation>
    </message>
    <message>
        <source>link: —</source>
        <translation>связь: —</translation>
    </message>
    <message>
        <source>RTT — · jitter — · loss — (unknown while the hub is silent)</source>
        <translation>RTT — · джиттер — · потери — (неизвестны, пока хаб молчит)</translation>
    </message>
    <message>
        <source>RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %</source>
        <translation>RTT {0} мс · джиттер {1:.0f} мс · потери {2:.1f} %</translation>
    </message>
    <message>
        <source>Sound received: {0} concealed, {1} dropped, {2} gaps (audible); {3} stretched, {4} shrunk (inaudible).</source>
        <translation>Принятый звук: скрыто {0}, отброшено {1}, пропусков {2} (слышно); растянуто {3}, сжато {4} (неслышно).</translation>
    </message>
    <message>
        <source>The system refused real-time priority to the sound: it may break up while this computer is busy.</source>
        <translation>Система отказала звуку в приоритете реального времени: он может прерываться, пока этот компьютер занят.</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <source>connecting to {0}…</source>
        <translation>подключение к {0}…</translation>
    </message>
    <message>
        <source>no sound from the hub for {0:.1f} s: you may not be heard</source>
        <translation>нет звука от хаба уже {0:.1f} с: вас, возможно, не слышно</translation>
    </message>
    <message>
        <source>connected · sound from the hub is back after {0:.1f} s</source>
        <translation>подключено · звук от хаба вернулся через {0:.1f} с</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>подключено</translation>
    </message>
    <message>
        <source>reconnecting… attempt {0} ({1})</source>
        <translation>переподключение… попытка {0} ({1})</translation>
    </message>
    <message>
        <source>connection lost: {0}</source>
        <translation>соединение потеряно: {0}</translation>
    </message>
    <message>
        <source>not connected: {0}</source>
        <translation>не подключено: {0}</translation>
    </message>
</context>
<context>
    <name>Volume</name>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>{0}{1} dB</source>
        <translation>{0}{1} дБ</translation>
    </message>
</context>
<context>
    <name>_Answer</name>
    <message>
        <source>(choose)</source>
        <translation>(выберите)</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>Ответа пока нет</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The link is empty: paste the meeting link from your invitation.</source>
        <translation>Ссылка пуста: вставьте ссылку на заседание из приглашения.</translation>
    </message>
    <message>
        <source>A meeting link has no spaces in it: copy the whole link again, in one piece.</source>
        <translation>В ссылке на заседание нет пробелов: скопируйте всю ссылку ещё раз, целиком.</translation>
    </message>
    <message>
        <source>This is a token, not a link: paste it into the Token field and type the hub address.</source>
        <translation>Это токен, а не ссылка: вставьте его в поле «Токен» и введите адрес хаба.</translation>
    </message>
    <message>
        <source>“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. Copy the link from your invitation again.</source>
        <translation>«{text}» — не ссылка на заседание: ссылка начинается с wss://, rsi:// или https://. Скопируйте ссылку из приглашения ещё раз.</translation>
    </message>
    <message>
        <source>The link names no computer to connect to: copy the whole link again.</source>
        <translation>В ссылке не указан компьютер для подключения: скопируйте всю ссылку ещё раз.</translation>
    </message>
    <message>
        <source>The port in the link is not a number from 1 to 65535: copy the link again.</source>
        <translation>Порт в ссылке — не число от 1 до 65535: скопируйте ссылку ещё раз.</translation>
    </message>
    <message>
        <source>This web address is not a meeting link: it has no hub=… part. Open it in a browser, or ask the organiser for the console link.</source>
        <translation>Этот веб-адрес не является ссылкой на заседание: в нём нет части hub=…. Откройте его в браузере или попросите у организатора ссылку для пульта.</translation>
    </message>
    <message>
        <source>The hub address in the link must start with wss:// (or ws:// on this computer): ask the organiser for a new link.</source>
        <translation>Адрес хаба в ссылке должен начинаться с wss:// (или ws:// на этом компьютере): попросите у организатора новую ссылку.</translation>
    </message>
    <message>
        <source>The token is damaged: a token is three parts of letters and digits separated by dots. Copy it again from your invitation.</source>
        <translation>Токен повреждён: токен состоит из трёх частей из букв и цифр, разделённых точками. Скопируйте его ещё раз из приглашения.</translation>
    </message>
    <message>
        <source>The address “{address}” cannot be used.</source>
        <translation>Адрес «{address}» использовать нельзя.</translation>
    </message>
    <message>
        <source>{host} is another computer, and ws:// would send your token to it unencrypted. Use the wss:// address from your invitation (ws:// is only for a hub on this computer).</source>
        <translation>{host} — другой компьютер, и ws:// отправил бы ему ваш токен без шифрования. Используйте адрес wss:// из приглашения (ws:// только для хаба на этом компьютере).</translation>
    </message>
</context>
</TS>
