<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Listen to the floor</source>
        <translation>收听原声</translation>
    </message>
    <message>
        <source>Listen to the next channel</source>
        <translation>收听下一个频道</translation>
    </message>
    <message>
        <source>Listen to the previous channel</source>
        <translation>收听上一个频道</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>停止收听</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>收听</translation>
    </message>
    <message>
        <source>Force off whoever speaks on the channel you hear</source>
        <translation>强制关闭您所听频道上的发言者</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>强制关闭</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>原声语言</translation>
    </message>
    <message>
        <source>Set the floor language</source>
        <translation>设置原声语言</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>写消息</translation>
    </message>
    <message>
        <source>Acknowledge all alarms</source>
        <translation>确认所有警报</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Microphone on / off</source>
        <translation>话筒 开 / 关</translation>
    </message>
    <message>
        <source>Cough (hold)</source>
        <translation>咳嗽键（按住）</translation>
    </message>
    <message>
        <source>Next output channel</source>
        <translation>下一个输出频道</translation>
    </message>
    <message>
        <source>Output A</source>
        <translation>输出 A</translation>
    </message>
    <message>
        <source>Output B</source>
        <translation>输出 B</translation>
    </message>
    <message>
        <source>Output C</source>
        <translation>输出 C</translation>
    </message>
    <message>
        <source>Listen to the relay</source>
        <translation>收听接力</translation>
    </message>
    <message>
        <source>Pre-select the next relay</source>
        <translation>预选下一个接力</translation>
    </message>
    <message>
        <source>Pre-select the previous relay</source>
        <translation>预选上一个接力</translation>
    </message>
    <message>
        <source>Pre-select a relay</source>
        <translation>预选接力</translation>
    </message>
    <message>
        <source>Auto-relay on/off</source>
        <translation>自动接力 开/关</translation>
    </message>
    <message>
        <source>Offer the handover</source>
        <translation>提出交接</translation>
    </message>
    <message>
        <source>Request the handover</source>
        <translation>请求交接</translation>
    </message>
    <message>
        <source>Accept the handover</source>
        <translation>接受交接</translation>
    </message>
    <message>
        <source>Cancel the handover</source>
        <translation>取消交接</translation>
    </message>
    <message>
        <source>Ask the speaker to slow down</source>
        <translation>请发言人放慢语速</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>音量增大</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>音量减小</translation>
    </message>
    <message>
        <source>Set the volume</source>
        <translation>调节音量</translation>
    </message>
    <message>
        <source>Relay volume up (floor and relay in an ear each)</source>
        <translation>接力音量增大（原声和接力各在一只耳朵）</translation>
    </message>
    <message>
        <source>Relay volume down (floor and relay in an ear each)</source>
        <translation>接力音量减小（原声和接力各在一只耳朵）</translation>
    </message>
    <message>
        <source>Set the relay volume</source>
        <translation>设置接力音量</translation>
    </message>
    <message>
        <source>Bass up</source>
        <translation>低音增大</translation>
    </message>
    <message>
        <source>Bass down</source>
        <translation>低音减小</translation>
    </message>
    <message>
        <source>Set the bass</source>
        <translation>调节低音</translation>
    </message>
    <message>
        <source>Treble up</source>
        <translation>高音增大</translation>
    </message>
    <message>
        <source>Treble down</source>
        <translation>高音减小</translation>
    </message>
    <message>
        <source>Set the treble</source>
        <translation>调节高音</translation>
    </message>
    <message>
        <source>Ear of what you hear: both, left, right</source>
        <translation>所听声音的耳朵：双耳、左耳、右耳</translation>
    </message>
    <message>
        <source>Set the floor ear</source>
        <translation>设置原声的耳朵</translation>
    </message>
    <message>
        <source>Set the relay ear</source>
        <translation>设置接力的耳朵</translation>
    </message>
    <message>
        <source>Even level of the floor on/off</source>
        <translation>开/关原声电平均衡</translation>
    </message>
    <message>
        <source>Even level of the relay on/off</source>
        <translation>开/关接力电平均衡</translation>
    </message>
    <message>
        <source>Even level of the booth partner on/off</source>
        <translation>开/关搭档电平均衡</translation>
    </message>
    <message>
        <source>Hear the booth partner on/off</source>
        <translation>收听搭档 开/关</translation>
    </message>
    <message>
        <source>Partner volume up</source>
        <translation>搭档音量增大</translation>
    </message>
    <message>
        <source>Partner volume down</source>
        <translation>搭档音量减小</translation>
    </message>
    <message>
        <source>Set the partner volume</source>
        <translation>设置搭档音量</translation>
    </message>
    <message>
        <source>Partner ear: both, left, right</source>
        <translation>搭档的耳朵：双耳、左耳、右耳</translation>
    </message>
    <message>
        <source>Set the partner ear</source>
        <translation>设置搭档的耳朵</translation>
    </message>
    <message>
        <source>Mark messages as read</source>
        <translation>将消息标为已读</translation>
    </message>
    <message>
        <source>Connect to a meeting</source>
        <translation>连接到会议</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Headset check</source>
        <translation>耳机检查</translation>
    </message>
    <message>
        <source>Sound check: headset, microphone, level</source>
        <translation>声音检查：耳机、话筒、电平</translation>
    </message>
    <message>
        <source>Next theme: light, dark, high contrast</source>
        <translation>下一个主题：浅色、深色、高对比度</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>关于 RSI 控制台</translation>
    </message>
    <message>
        <source>Next language</source>
        <translation>下一种语言</translation>
    </message>
    <message>
        <source>Previous language</source>
        <translation>上一种语言</translation>
    </message>
    <message>
        <source>Report: no sound</source>
        <translation>报告：没有声音</translation>
    </message>
    <message>
        <source>Report: poor sound</source>
        <translation>报告：音质差</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>选择语言</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>发送消息</translation>
    </message>
</context>
<context>
    <name>AirButton</name>
    <message>
        <source>ON AIR</source>
        <translation>话筒开启</translation>
    </message>
    <message>
        <source>speaking on {0}</source>
        <translation>正在 {0} 上发言</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>已静音</translation>
    </message>
    <message>
        <source>cough: {0} hears nothing</source>
        <translation>咳嗽：{0} 听不到任何声音</translation>
    </message>
    <message>
        <source>NOT HEARD?</source>
        <translation>可能听不到？</translation>
    </message>
    <message>
        <source>no sound from the hub: {0} may hear nothing of you</source>
        <translation>收不到服务器的声音：{0} 可能听不到您</translation>
    </message>
    <message>
        <source>TAKING THE AIR…</source>
        <translation>正在开启话筒…</translation>
    </message>
    <message>
        <source>waiting for the hub: {0}</source>
        <translation>等待服务器：{0}</translation>
    </message>
    <message>
        <source>OFF AIR</source>
        <translation>话筒关闭</translation>
    </message>
    <message>
        <source>microphone off</source>
        <translation>话筒关闭</translation>
    </message>
    <message>
        <source>Microphone: {0}</source>
        <translation>话筒：{0}</translation>
    </message>
    <message>
        <source>{0}. Press to switch the microphone on or off ({1}).</source>
        <translation>{0}。按下以开启或关闭话筒（{1}）。</translation>
    </message>
</context>
<context>
    <name>AirPanel</name>
    <message>
        <source>Cough (hold to mute)</source>
        <translation>咳嗽键（按住静音）</translation>
    </message>
    <message>
        <source>Cough — hold</source>
        <translation>咳嗽 — 按住</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>Floor level</source>
        <translation>原声电平</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>接力</translation>
    </message>
    <message>
        <source>Relay level</source>
        <translation>接力电平</translation>
    </message>
    <message>
        <source>My mic</source>
        <translation>我的话筒</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>我的话筒电平</translation>
    </message>
    <message>
        <source>Out L</source>
        <translation>输出 左</translation>
    </message>
    <message>
        <source>Output level, left ear</source>
        <translation>输出电平，左耳</translation>
    </message>
    <message>
        <source>Out R</source>
        <translation>输出 右</translation>
    </message>
    <message>
        <source>Output level, right ear</source>
        <translation>输出电平，右耳</translation>
    </message>
    <message>
        <source>Hearing protection</source>
        <translation>听力保护</translation>
    </message>
    <message>
        <source>engaged: {0}</source>
        <translation>已占用：{0}</translation>
    </message>
    <message>
        <source>our booth on air</source>
        <translation>本同传箱在播</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0}（非最新：听不到服务器）</translation>
    </message>
    <message>
        <source>Output {0}, channel {1}</source>
        <translation>输出 {0}，频道 {1}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>Alarms</source>
        <translation>警报</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>当前警报</translation>
    </message>
    <message>
        <source>&amp;Sound for new alarms</source>
        <translation>新警报时发出声音(&amp;S)</translation>
    </message>
    <message>
        <source>Sound for new alarms</source>
        <translation>新警报时发出声音</translation>
    </message>
    <message>
        <source>Alarm: {0}</source>
        <translation>警报：{0}</translation>
    </message>
    <message>
        <source>{0} ({1} times)</source>
        <translation>{0}（{1} 次）</translation>
    </message>
    <message>
        <source>Alarms ({0} new)</source>
        <translation>警报（{0} 条新警报）</translation>
    </message>
</context>
<context>
    <name>Alarms</name>
    <message>
        <source>{who} asks the speaker to slow down</source>
        <translation>{who} 请发言人放慢语速</translation>
    </message>
    <message>
        <source>{who} reports poor sound</source>
        <translation>{who} 报告音质差</translation>
    </message>
    <message>
        <source>{who} needs help</source>
        <translation>{who} 需要帮助</translation>
    </message>
    <message>
        <source>{who} has no sound</source>
        <translation>{who} 没有声音</translation>
    </message>
    <message>
        <source>{channel}: {name} is on air, but nothing has been heard for {seconds} s while the floor speaks</source>
        <translation>{channel}：{name} 正在播出，但原声发言时已有 {seconds} 秒听不到任何声音</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s</source>
        <translation>原声已静默 {seconds} 秒</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s: no floor source is on air</source>
        <translation>原声已静默 {seconds} 秒：没有原声来源在播</translation>
    </message>
    <message>
        <source>{name} ({booth}) lost the connection while on air on {channel}</source>
        <translation>{name}（{booth}）在 {channel} 上播出时断开了连接</translation>
    </message>
    <message>
        <source>The {platform} gateway is disconnected: the floor from {platform} is silent</source>
        <translation>{platform} 网关已断开：来自 {platform} 的原声没有声音</translation>
    </message>
    <message>
        <source>{name} ({booth}) has been on air for over {minutes} minutes: time to hand over</source>
        <translation>{name}（{booth}）已连续播出超过 {minutes} 分钟：该交接了</translation>
    </message>
    <message>
        <source>The hub restarted and the floor language went back to the meeting&apos;s default, {language}: set it again if needed</source>
        <translation>服务器已重启，原声语言已恢复为会议的默认语言 {language}：如有需要请重新设置</translation>
    </message>
</context>
<context>
    <name>BoothTable</name>
    <message>
        <source>Booths</source>
        <translation>同传箱</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>同传箱</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>在播</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source> (offline)</source>
        <translation>（离线）</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} 在 {1}</translation>
    </message>
    <message>
        <source>{0} offers to {1}</source>
        <translation>{0} 提议交给 {1}</translation>
    </message>
    <message>
        <source>{0} asks {1}</source>
        <translation>{0} 请求 {1}</translation>
    </message>
</context>
<context>
    <name>ChannelGrid</name>
    <message>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
</context>
<context>
    <name>ChannelStrip</name>
    <message>
        <source>Channel {0}</source>
        <translation>频道 {0}</translation>
    </message>
    <message>
        <source>Level of channel {0}</source>
        <translation>频道 {0} 的电平</translation>
    </message>
    <message>
        <source>On air on {0}</source>
        <translation>在 {0} 上播出</translation>
    </message>
    <message>
        <source>Source of {0}</source>
        <translation>{0} 的来源</translation>
    </message>
    <message>
        <source>Listeners of {0}</source>
        <translation>{0} 的听众</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>收听</translation>
    </message>
    <message>
        <source>Listen to {0}</source>
        <translation>收听 {0}</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>强制关闭</translation>
    </message>
    <message>
        <source>Force off the speaker of {0}</source>
        <translation>强制关闭 {0} 的发言者</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0} (cough)</source>
        <translation>{0}（咳嗽）</translation>
    </message>
    <message>
        <source>floor: no interpreter</source>
        <translation>原声：无译员</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>无人在播</translation>
    </message>
    <message>
        <source>the floor, as it is</source>
        <translation>原声，未经处理</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} 人收听</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>正在收听</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>the floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>Floor ({0})</source>
        <translation>原声（{0}）</translation>
    </message>
    <message>
        <source>on air: {0}</source>
        <translation>在播：{0}</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>无人在播</translation>
    </message>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>无人在播，传送原声</translation>
    </message>
    <message>
        <source>{0} (not listening)</source>
        <translation>{0}（未收听）</translation>
    </message>
    <message>
        <source>live</source>
        <translation>有声音</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>无声</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} 人收听</translation>
    </message>
    <message>
        <source>your output</source>
        <translation>您的输出</translation>
    </message>
    <message>
        <source>Your output, {0}: {1} listening</source>
        <translation>您的输出 {0}：{1} 人收听</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>收到的消息</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Write to the booths…</source>
        <translation>写给各同传箱…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Booth {0}</source>
        <translation>同传箱 {0}</translation>
    </message>
    <message>
        <source>{0} {1} → {2}: {3}</source>
        <translation>{0} {1} → {2}：{3}</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>Your token has expired. Ask the organiser of the meeting for a new one.</source>
        <translation>您的令牌已过期。请向会议主办方索取新令牌。</translation>
    </message>
    <message>
        <source>The hub refused your token. Check that you copied all of it, or ask the organiser for a new one.</source>
        <translation>服务器拒绝了您的令牌。请检查是否完整复制，或向主办方索取新令牌。</translation>
    </message>
    <message>
        <source>This hub runs another meeting than the one your token is for ({0}). Check that the address and the token come from the same invitation.</source>
        <translation>此服务器运行的会议与您的令牌所属的会议（{0}）不同。请检查地址和令牌是否来自同一份邀请。</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the address and your network connection; if both are right, the hub may not be running yet: ask the organiser.</source>
        <translation>无法连接到服务器。请检查地址和网络连接；如果两者都没问题，可能服务器尚未运行：请询问主办方。</translation>
    </message>
    <message>
        <source>There is no meeting hub at this address. Check the address: it usually starts with wss:// and ends with /v1.</source>
        <translation>此地址没有会议服务器。请检查地址：通常以 wss:// 开头、以 /v1 结尾。</translation>
    </message>
    <message>
        <source>The meeting has no booth for your token. Ask the organiser for a token for one of its booths.</source>
        <translation>会议中没有与您的令牌对应的同传箱。请向主办方索取其某个同传箱的令牌。</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>连接已取消。</translation>
    </message>
    <message>
        <source>This address is not encrypted (ws://) and leads to another computer: your token would cross the network in clear. Use the hub&apos;s wss:// address.</source>
        <translation>此地址未加密（ws://）且指向另一台计算机：您的令牌将以明文在网络上传输。请使用服务器的 wss:// 地址。</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent. If the meeting uses its own certificate authority, ask the organiser for its CA file and give it as the CA certificate file.</source>
        <translation>无法验证服务器的证书，因此未发送任何内容。如果会议使用自己的证书颁发机构，请向主办方索取其 CA 文件，并将其填为 CA 证书文件。</translation>
    </message>
    <message>
        <source>The hub closed the connection before letting you in. Try again; if it happens again, tell the technician.</source>
        <translation>服务器在让您进入之前关闭了连接。请重试；如果再次发生，请告知技术人员。</translation>
    </message>
    <message>
        <source>You left the meeting.</source>
        <translation>您已离开会议。</translation>
    </message>
    <message>
        <source>You joined this meeting from another window or computer, so this one was disconnected.</source>
        <translation>您已从另一个窗口或另一台计算机加入此会议，因此本窗口已断开。</translation>
    </message>
    <message>
        <source>The hub disconnected this console because it sent too many requests. Tell the technician.</source>
        <translation>服务器断开了本控制台，因为它发送的请求过多。请告知技术人员。</translation>
    </message>
    <message>
        <source>The hub is shutting down. Reconnecting when it is back…</source>
        <translation>服务器正在关闭。恢复后将重新连接…</translation>
    </message>
    <message>
        <source>The connection to the hub was lost. Reconnecting…</source>
        <translation>与服务器的连接已断开。正在重新连接…</translation>
    </message>
    <message>
        <source>The hub ended the connection.</source>
        <translation>服务器结束了连接。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a meeting</source>
        <translation>连接到会议</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>会议链接</translation>
    </message>
    <message>
        <source>Paste the link from your invitation: it fills in the address and token.</source>
        <translation>粘贴邀请中的链接：它会填入地址和令牌。</translation>
    </message>
    <message>
        <source>rsi://… or wss://…#token=… or https://…?hub=…</source>
        <translation>rsi://… 或 wss://…#token=… 或 https://…?hub=…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>For example wss://hub.example.org/v1. Several addresses of one meeting, separated by commas, are tried in turn.</source>
        <translation>例如 wss://hub.example.org/v1。同一会议的多个地址用逗号分隔，将依次尝试。</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>The token from your invitation</source>
        <translation>邀请中的令牌</translation>
    </message>
    <message>
        <source>S&amp;how the token</source>
        <translation>显示令牌(&amp;H)</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>&amp;Keep the token on this computer (not encrypted)</source>
        <translation>在此计算机上保存令牌（未加密）(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the token on this computer</source>
        <translation>在此计算机上保存令牌</translation>
    </message>
    <message>
        <source>Anyone who can read your settings file can then join as you until it expires.</source>
        <translation>这样，任何能读取您设置文件的人都可以在令牌过期前以您的身份加入。</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Only if the meeting has its own certificate authority: the PEM file from the organiser. Leave empty for a hub with a public certificate.</source>
        <translation>仅当会议有自己的证书颁发机构时填写：主办方提供的 PEM 文件。若服务器使用公共证书，请留空。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>选择 CA 证书文件</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection to another computer</source>
        <translation>允许与另一台计算机建立未加密连接(&amp;U)</translation>
    </message>
    <message>
        <source>Allow unencrypted connection to another computer</source>
        <translation>允许与另一台计算机建立未加密连接</translation>
    </message>
    <message>
        <source>Warning: with ws:// your token and your voice cross the network in clear; anyone on the way can listen and join as you. Only on a network you trust.</source>
        <translation>警告：使用 ws:// 时，您的令牌和声音以明文在网络上传输；途中任何人都能收听并以您的身份加入。仅限在您信任的网络上使用。</translation>
    </message>
    <message>
        <source>Remembered meetings</source>
        <translation>记住的会议</translation>
    </message>
    <message>
        <source>Choose one to fill in its address; Enter connects.</source>
        <translation>选择一个会议以填入其地址；按 Enter 连接。</translation>
    </message>
    <message>
        <source>&amp;Forget this meeting</source>
        <translation>忘记此会议(&amp;F)</translation>
    </message>
    <message>
        <source>Forget the selected meeting</source>
        <translation>忘记所选会议</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>会议链接(&amp;L)：</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate file:</source>
        <translation>CA 证书文件(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Remembered meetings:</source>
        <translation>记住的会议(&amp;R)：</translation>
    </message>
    <message>
        <source>On a network you trust, you may tick “Allow unencrypted connection to another computer” instead.</source>
        <translation>在您信任的网络上，也可以改为勾选“允许与另一台计算机建立未加密连接”。</translation>
    </message>
    <message>
        <source>The CA certificate file {0} does not exist. Choose the file the organiser gave you, or leave the field empty.</source>
        <translation>CA 证书文件 {0} 不存在。请选择主办方提供的文件，或将此栏留空。</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>正在连接到 {0}…</translation>
    </message>
    <message>
        <source>The link is complete: press Connect.</source>
        <translation>链接完整：请按“连接”。</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>请先在列表中选择一个会议。</translation>
    </message>
    <message>
        <source>{0} is forgotten.</source>
        <translation>已忘记 {0}。</translation>
    </message>
    <message>
        <source>{0} ({1}, last used {2})</source>
        <translation>{0}（{1}，上次使用 {2}）</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>pictures of the console&apos;s window, {0} per second;</source>
        <translation>控制台窗口的图像，每秒 {0} 张；</translation>
    </message>
    <message>
        <source>no pictures of the window;</source>
        <translation>不截取窗口图像；</translation>
    </message>
    <message>
        <source>You are taking part in a usability study of this interpreting console. While the session runs, it records:</source>
        <translation>您正在参加这个口译控制台的可用性研究。会话进行期间，它会记录：</translation>
    </message>
    <message>
        <source>- what you hear in your headset and what you say into your microphone;</source>
        <translation>- 您在耳机中听到的内容和您对麦克风说的话；</translation>
    </message>
    <message>
        <source>- every key you press and every control you use in the console;</source>
        <translation>- 您在控制台中按下的每个键和使用的每个控件；</translation>
    </message>
    <message>
        <source>- your answers to a few questions at the end.</source>
        <translation>- 您在结束时对几个问题的回答。</translation>
    </message>
    <message>
        <source>Everything stays on this computer, in the folder {0}. Nothing is sent anywhere. The report names you by a pseudonym only.</source>
        <translation>所有内容都保存在这台计算机的文件夹 {0} 中。不会发送到任何地方。报告中只以化名称呼您。</translation>
    </message>
    <message>
        <source>You may stop at any time: close the window, and tell the researcher whether to delete what was recorded.</source>
        <translation>您可以随时停止：关闭窗口，并告诉研究人员是否删除已录制的内容。</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Before the study starts</source>
        <translation>研究开始之前</translation>
    </message>
    <message>
        <source>Consent to the study</source>
        <translation>同意参加研究</translation>
    </message>
    <message>
        <source>What the study records</source>
        <translation>本研究记录的内容</translation>
    </message>
    <message>
        <source>Recordings are kept in: {0}</source>
        <translation>录音保存在：{0}</translation>
    </message>
    <message>
        <source>I &amp;do not agree: stop here</source>
        <translation>我不同意：到此为止(&amp;D)</translation>
    </message>
    <message>
        <source>Decline: nothing is recorded</source>
        <translation>拒绝：不录制任何内容</translation>
    </message>
    <message>
        <source>I &amp;agree: start the session</source>
        <translation>我同意：开始会话(&amp;A)</translation>
    </message>
    <message>
        <source>Agree and start the session</source>
        <translation>同意并开始会话</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>RSI console</source>
        <translation>RSI 控制台</translation>
    </message>
    <message>
        <source>Interpreter console</source>
        <translation>译员控制台</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>关于 RSI 控制台</translation>
    </message>
    <message>
        <source>RSI console: remote simultaneous interpretation, free software. Every action is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys.</source>
        <translation>RSI 控制台：远程同声传译，自由软件。每个操作都在菜单中并标有按键；在“帮助 ▸ 键盘快捷键”中可更改按键。</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Gateway · {0}</source>
        <translation>网关 · {0}</translation>
    </message>
    <message>
        <source>loop: {0}</source>
        <translation>循环：{0}</translation>
    </message>
    <message>
        <source>no source: {0}</source>
        <translation>无来源：{0}</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>原声</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>RSI console – coordinator</source>
        <translation>RSI 控制台 – 协调员</translation>
    </message>
    <message>
        <source>Coordinator console</source>
        <translation>协调员控制台</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Floor language:</source>
        <translation>原声语言(&amp;F)：</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>原声语言</translation>
    </message>
    <message>
        <source>Who set the floor language</source>
        <translation>原声语言的设置者</translation>
    </message>
    <message>
        <source>Listening to</source>
        <translation>正在收听</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>听众</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>{0} listeners</source>
        <translation>{0} 名听众</translation>
    </message>
    <message>
        <source>Listening to {0}</source>
        <translation>正在收听 {0}</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>未收听</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>Ear</name>
    <message>
        <source>both ears</source>
        <translation>双耳</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>左耳</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>右耳</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Sound check</source>
        <translation>声音检查</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Skip the check</source>
        <translation>跳过检查(&amp;S)</translation>
    </message>
    <message>
        <source>1. Your headset and microphone</source>
        <translation>1. 您的耳机和话筒</translation>
    </message>
    <message>
        <source>Plug in your headset, then choose it and its microphone. A USB headset with a microphone close to your mouth sounds best; the computer&apos;s own loudspeakers and microphone are not fit for interpreting.</source>
        <translation>插上耳机，然后选择它及其话筒。话筒靠近嘴边的 USB 耳机效果最好；计算机自带的扬声器和话筒不适合口译。</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>话筒</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>耳机</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>耳机(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>话筒(&amp;M)：</translation>
    </message>
    <message>
        <source>2. Hear the reference voice</source>
        <translation>2. 收听参考人声</translation>
    </message>
    <message>
        <source>The headset check plays a voice at the level of every meeting; you set it comfortable, and hearing protection learns how loud your headset plays.</source>
        <translation>耳机检查以各场会议的统一电平播放一段人声；您把它调到舒适，听力保护便得知您的耳机有多响。</translation>
    </message>
    <message>
        <source>&amp;Open the headset check…</source>
        <translation>打开耳机检查(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the headset check</source>
        <translation>打开耳机检查</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>耳机检查状态</translation>
    </message>
    <message>
        <source>3. Speak and watch your microphone</source>
        <translation>3. 说话并观察话筒电平</translation>
    </message>
    <message>
        <source>Speak as you do in the booth: the bar should move well into its upper half. If it stays still, go back and choose another microphone.</source>
        <translation>像在同传箱里一样说话：电平条应明显升到上半部分。如果它不动，请返回并选择另一个话筒。</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>话筒电平</translation>
    </message>
    <message>
        <source>4. Ready</source>
        <translation>4. 就绪</translation>
    </message>
    <message>
        <source>Your sound is set. To join a meeting, press Connect in the window or choose {0}, and paste the hub address and the token the organiser sent you. To run this check again: {1}.</source>
        <translation>声音已设置好。要加入会议，请按窗口中的“连接”或选择 {0}，然后粘贴主办方发给您的服务器地址和令牌。要再次进行此检查：{1}。</translation>
    </message>
    <message>
        <source>Done: your headset plays speech at a level you chose.</source>
        <translation>完成：您的耳机以您选择的电平播放语音。</translation>
    </message>
    <message>
        <source>Not done yet: hearing protection keeps its safe default until you do it.</source>
        <translation>尚未完成：在您完成之前，听力保护保持其安全默认值。</translation>
    </message>
</context>
<context>
    <name>FloorLanguage</name>
    <message>
        <source>(set by {0})</source>
        <translation>（由 {0} 设置）</translation>
    </message>
    <message>
        <source>(from the meeting&apos;s settings)</source>
        <translation>（来自会议设置）</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Floor language: {0} {1}</source>
        <translation>原声语言：{0} {1}</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>搭档</translation>
    </message>
    <message>
        <source>Turn timer</source>
        <translation>轮次计时</translation>
    </message>
    <message>
        <source>Pending handover</source>
        <translation>待处理的交接</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>操作提示</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Partner: nobody else in the booth</source>
        <translation>搭档：同传箱里没有其他人</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>live, coughing</source>
        <translation>在播，咳嗽中</translation>
    </message>
    <message>
        <source>live</source>
        <translation>在播</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>正在收听</translation>
    </message>
    <message>
        <source>Partner: {0}</source>
        <translation>搭档：{0}</translation>
    </message>
    <message>
        <source>Turn {0}</source>
        <translation>轮次 {0}</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0}（非最新：听不到服务器）</translation>
    </message>
    <message>
        <source>{0} offers you the air: accept to take over</source>
        <translation>{0} 将话筒交给您：接受即可接手</translation>
    </message>
    <message>
        <source>{0} asks for the air: accept to hand over</source>
        <translation>{0} 请求话筒：接受即可交接</translation>
    </message>
    <message>
        <source>You offered the air to {0}: waiting</source>
        <translation>您已将话筒交给 {0}：等待中</translation>
    </message>
    <message>
        <source>You asked {0} for the air: waiting</source>
        <translation>您已向 {0} 请求话筒：等待中</translation>
    </message>
    <message>
        <source>Press {0} to take the air</source>
        <translation>按 {0} 接过话筒</translation>
    </message>
    <message>
        <source>Press Accept to take the air</source>
        <translation>按“接受”接过话筒</translation>
    </message>
    <message>
        <source>Press {0} to hand over the air</source>
        <translation>按 {0} 交出话筒</translation>
    </message>
    <message>
        <source>Press Accept to hand over the air</source>
        <translation>按“接受”交出话筒</translation>
    </message>
</context>
<context>
    <name>HeadsetCheckDialog</name>
    <message>
        <source>Headset check</source>
        <translation>耳机检查</translation>
    </message>
    <message>
        <source>Put on your headset and press Play: you hear a voice at the level the console brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow keys) until it is comfortable, as you would like to hear a speaker for an hour; if it is still too quiet at the top, turn up your headset or computer. Then press Done, and leave your computer&apos;s volume where it is.</source>
        <translation>戴上耳机并按“播放”：您会听到一段人声，其电平与控制台统一各场会议的电平相同（{0:.0f} LUFS）。用滑块（或方向键）调节，直到听起来舒适，就像您愿意听一位发言人讲一个小时那样；如果调到最高仍然太轻，请调高耳机或计算机的音量。然后按“完成”，之后不要再改变计算机的音量。</translation>
    </message>
    <message>
        <source>The console assumes that a comfortable level for speech is about {0:.0f} dB SPL (most people choose 70 to 75) and sets hearing protection from the level you choose: the ceiling, the limit for sound that stays loud, and the warning after a loud minute. If you have a sound level meter, calibrate with it in Settings instead: it is more exact.</source>
        <translation>控制台假定舒适的语音电平约为 {0:.0f} dB SPL（大多数人选择 70 到 75），并根据您选择的电平设置听力保护：上限、持续过响声音的限值，以及响亮一分钟后的警告。如果您有声级计，请改为在“设置”中用它校准：那样更准确。</translation>
    </message>
    <message>
        <source>Volume of the voice</source>
        <translation>人声音量</translation>
    </message>
    <message>
        <source>Volume of the voice, in dB</source>
        <translation>人声音量（dB）</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>音量(&amp;V)：</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>耳机检查状态</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <source>Done: calibrate from this volume</source>
        <translation>完成：按此音量校准</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sto&amp;p the voice</source>
        <translation>停止人声(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play the voice</source>
        <translation>播放人声(&amp;P)</translation>
    </message>
    <message>
        <source>The voice is stopped. Press Done to calibrate.</source>
        <translation>人声已停止。按“完成”进行校准。</translation>
    </message>
    <message>
        <source>The voice plays. Set it comfortable, then press Done.</source>
        <translation>正在播放人声。调到舒适后按“完成”。</translation>
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
        <translation>输入</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>接力</translation>
    </message>
    <message>
        <source>Relay:</source>
        <translation>接力：</translation>
    </message>
    <message>
        <source>Pre-selected relay channel</source>
        <translation>预选的接力频道</translation>
    </message>
    <message>
        <source>Relay quality</source>
        <translation>接力质量</translation>
    </message>
    <message>
        <source>Auto-relay</source>
        <translation>自动接力</translation>
    </message>
    <message>
        <source>The input follows the best source as the floor language changes</source>
        <translation>原声语言变化时，输入会跟随最佳来源</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>原声语言</translation>
    </message>
    <message>
        <source>Why this source</source>
        <translation>为何选择此来源</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>您听到的内容</translation>
    </message>
    <message>
        <source>Your audience</source>
        <translation>您的听众</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Relay volume</source>
        <translation>接力音量</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>低音</translation>
    </message>
    <message>
        <source>Treble</source>
        <translation>高音</translation>
    </message>
    <message>
        <source>Floor ear</source>
        <translation>原声的耳朵</translation>
    </message>
    <message>
        <source>Relay ear</source>
        <translation>接力的耳朵</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>搭档</translation>
    </message>
    <message>
        <source>Hear my booth&apos;s output</source>
        <translation>收听本同传箱的输出</translation>
    </message>
    <message>
        <source>Ear</source>
        <translation>耳朵</translation>
    </message>
    <message>
        <source>Even level of the floor</source>
        <translation>原声电平均衡</translation>
    </message>
    <message>
        <source>Even level of the relay</source>
        <translation>接力电平均衡</translation>
    </message>
    <message>
        <source>Even level of the booth partner</source>
        <translation>搭档电平均衡</translation>
    </message>
    <message>
        <source>Even level</source>
        <translation>电平均衡</translation>
    </message>
    <message>
        <source>Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at most {1:g} dB; the meters show it as it arrives</source>
        <translation>以最多 {1:g} dB 的缓慢增益将此输入调到统一响度（{0:g} LUFS）；电平表显示其到达时的电平</translation>
    </message>
    <message>
        <source>Floor volume</source>
        <translation>原声音量</translation>
    </message>
    <message>
        <source>Keys: {0} louder, {1} softer</source>
        <translation>按键：{0} 增大，{1} 减小</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>You hear: nothing</source>
        <translation>您听到：无</translation>
    </message>
    <message>
        <source>You hear: the floor</source>
        <translation>您听到：原声</translation>
    </message>
    <message>
        <source>You hear: the floor in your {0}, relay from {1} in your {2}</source>
        <translation>您听到：{0}是原声，{2}是来自 {1} 的接力</translation>
    </message>
    <message>
        <source>You hear: relay from {0} ({1})</source>
        <translation>您听到：来自 {0} 的接力（{1}）</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>希腊语</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>希伯来语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>波斯语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>瑞典语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>peak {0:.0f} dBFS, average {1:.0f} dBFS{2}</source>
        <translation>峰值 {0:.0f} dBFS，平均 {1:.0f} dBFS{2}</translation>
    </message>
    <message>
        <source>, clipping</source>
        <translation>，削波</translation>
    </message>
</context>
<context>
    <name>ListenerWindow</name>
    <message>
        <source>RSI console – listener</source>
        <translation>RSI 控制台 – 听众</translation>
    </message>
    <message>
        <source>Listener console</source>
        <translation>听众控制台</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Level of what you hear</source>
        <translation>所听声音的电平</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>您听到的内容</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>No interpreter is on air in this language: you hear the floor (the speaker&apos;s own language)</source>
        <translation>此语言没有译员在播：您听到的是原声（发言人自己的语言）</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>选择语言</translation>
    </message>
    <message>
        <source>You hear {0}</source>
        <translation>您听到 {0}</translation>
    </message>
    <message>
        <source>Floor (original)</source>
        <translation>原声（原始语言）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Meeting</source>
        <translation>会议(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>音频(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>未读消息</translation>
    </message>
    <message>
        <source>Message from a coordinator</source>
        <translation>协调员的消息</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>收到的消息</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>同传箱</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <source>Send the message to</source>
        <translation>消息发送给</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message… [{0}]</source>
        <translation>消息… [{0}]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Slow down, please</source>
        <translation>请放慢语速</translation>
    </message>
    <message>
        <source>Asks the speaker to slow down: the coordinators and the chair see that it comes from you</source>
        <translation>请发言人放慢语速：协调员和主席会看到这是您发出的</translation>
    </message>
    <message>
        <source>Messages — {0} unread</source>
        <translation>消息 — {0} 条未读</translation>
    </message>
    <message>
        <source>{0} unread: {1} to read and answer</source>
        <translation>{0} 条未读：按 {1} 阅读并回复</translation>
    </message>
    <message>
        <source>booth</source>
        <translation>同传箱</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: press {1} to read and answer</source>
        <translation>协调员 {0} 的消息：按 {1} 阅读并回复</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: read and answer below</source>
        <translation>协调员 {0} 的消息：请在下方阅读并回复</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: {1}</source>
        <translation>协调员 {0} 的消息：{1}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Connection restored: listening to {0} again.</source>
        <translation>连接已恢复：重新收听 {0}。</translation>
    </message>
    <message>
        <source>You were on air on {0}: the microphone is off. Press it to speak again.</source>
        <translation>您曾在 {0} 上播出：话筒已关闭。按下话筒即可再次发言。</translation>
    </message>
    <message>
        <source>A coordinator switched your microphone off.</source>
        <translation>一位协调员关闭了您的话筒。</translation>
    </message>
    <message>
        <source>You have no output channel: are you in a booth?</source>
        <translation>您没有输出频道：您在同传箱里吗？</translation>
    </message>
    <message>
        <source>“Slow down” was sent: the coordinators and the chair see that it comes from you.</source>
        <translation>已发送“请放慢语速”：协调员和主席会看到这是您发出的。</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>此窗口中无法使用设置。</translation>
    </message>
</context>
<context>
    <name>NoticesArea</name>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>无通知</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0}（另有 {1} 条）</translation>
    </message>
    <message>
        <source>You are not in a meeting. To join one, press Connect or choose {0}.</source>
        <translation>您不在任何会议中。要加入会议，请按“连接”或选择 {0}。</translation>
    </message>
    <message>
        <source>No sound card: you hear nothing (the meters and the floor keep running). Connect a headset, then choose it in {0}, page Audio.</source>
        <translation>没有声卡：您听不到任何声音（电平表和原声仍在运行）。请连接耳机，然后在 {0} 的“音频”页中选择它。</translation>
    </message>
    <message>
        <source>Sound card problem: {0}</source>
        <translation>声卡问题：{0}</translation>
    </message>
    <message>
        <source>Floor sound is poor: {0}</source>
        <translation>原声音质差：{0}</translation>
    </message>
</context>
<context>
    <name>ParticipantTable</name>
    <message>
        <source>Participants</source>
        <translation>参会者</translation>
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
        <source>Booth</source>
        <translation>同传箱</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>丢包</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>尚无报告</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>差</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source> (on air)</source>
        <translation>（在播）</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>Peaks above the safe ceiling are cut off.</source>
        <translation>超过安全上限的峰值被削除。</translation>
    </message>
    <message>
        <source>The sound stays too loud, so it is turned down while it lasts.</source>
        <translation>声音持续过响，因此在持续期间被压低。</translation>
    </message>
    <message>
        <source>A sudden bang is being turned down.</source>
        <translation>正在压低突然的爆音。</translation>
    </message>
    <message>
        <source>Feedback howl is being turned down.</source>
        <translation>正在压低啸叫。</translation>
    </message>
    <message>
        <source>You listened loudly for a while, so the volume is lowered to rest your ears.</source>
        <translation>您已有一段时间收听过响，因此音量被降低，让耳朵休息。</translation>
    </message>
    <message>
        <source>The last safety stage is cutting peaks that got through.</source>
        <translation>最后一级安全保护正在削除漏过的峰值。</translation>
    </message>
    <message>
        <source>A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears.</source>
        <translation>突然的巨响（{0:.0f} dB SPL）已被压低，以保护您的耳朵。</translation>
    </message>
    <message>
        <source>Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the microphone that is too close to a loudspeaker.</source>
        <translation>正在压低啸叫（{0:.0f} Hz）。请技术人员关闭离扬声器太近的话筒。</translation>
    </message>
    <message>
        <source>The feedback howl has stopped: the sound comes back.</source>
        <translation>啸叫已停止：声音恢复。</translation>
    </message>
    <message>
        <source>The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your volume down.</source>
        <translation>声音过响（{0:.0f} dB SPL），持续期间将被压低。请调低您的音量。</translation>
    </message>
    <message>
        <source>The sound is no longer too loud: it is back to your volume.</source>
        <translation>声音不再过响：已恢复到您的音量。</translation>
    </message>
    <message>
        <source>Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered for {1} minutes to protect your hearing. If that was your usual level, run the headset check (in Settings) so the console knows how loud your headset is.</source>
        <translation>过去一分钟您收听的平均电平为 {0:.0f} dB SPL：音量将降低 {1} 分钟以保护您的听力。如果这是您平常的电平，请进行耳机检查（在“设置”中），让控制台了解您的耳机有多响。</translation>
    </message>
    <message>
        <source>The volume is back where you set it after resting your ears.</source>
        <translation>让耳朵休息之后，音量已恢复到您设定的位置。</translation>
    </message>
    <message>
        <source>The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the technician: this should not happen.</source>
        <translation>最后一级安全保护削除了一个漏过的 {0:.0f} dB SPL 峰值。请告知技术人员：这种情况不应发生。</translation>
    </message>
    <message>
        <source>Broken samples in the sound were replaced by silence. Please tell the technician.</source>
        <translation>声音中损坏的采样已被替换为静音。请告知技术人员。</translation>
    </message>
    <message>
        <source>Hearing protection: not acting.</source>
        <translation>听力保护：未起作用。</translation>
    </message>
    <message>
        <source>Hearing protection turns the sound down by {0:.0f} dB. {1}</source>
        <translation>听力保护正将声音降低 {0:.0f} dB。{1}</translation>
    </message>
    <message>
        <source>Hearing protection acted on the sound.</source>
        <translation>听力保护已对声音进行了处理。</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>floor</source>
        <translation>原声</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>无来源</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>A few questions about the session</source>
        <translation>关于本次会话的几个问题</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Questions left</source>
        <translation>剩余问题</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Finish: save the answers</source>
        <translation>完成：保存回答</translation>
    </message>
    <message>
        <source>Using the console (System Usability Scale)</source>
        <translation>使用控制台（系统可用性量表 SUS）</translation>
    </message>
    <message>
        <source>From 1, strongly disagree, to 5, strongly agree.</source>
        <translation>从 1（非常不同意）到 5（非常同意）。</translation>
    </message>
    <message>
        <source>{0}: strongly disagree</source>
        <translation>{0}：非常不同意</translation>
    </message>
    <message>
        <source>{0}: strongly agree</source>
        <translation>{0}：非常同意</translation>
    </message>
    <message>
        <source>The workload (NASA-TLX)</source>
        <translation>工作负荷（NASA-TLX）</translation>
    </message>
    <message>
        <source>From 0 to 100, in steps of 5.</source>
        <translation>从 0 到 100，以 5 为单位。</translation>
    </message>
    <message>
        <source>Your views</source>
        <translation>您的看法</translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>所有问题都已回答。</translation>
    </message>
    <message>
        <source>Questions left: {0}.</source>
        <translation>剩余问题：{0}。</translation>
    </message>
</context>
<context>
    <name>Relays</name>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>无人在播，传送原声</translation>
    </message>
    <message>
        <source>on air, but its interpreter hears nothing</source>
        <translation>在播，但其译员听不到任何声音</translation>
    </message>
    <message>
        <source>interpreted from {0}, never reaching the floor</source>
        <translation>由 {0} 译出，始终无法追溯到原声</translation>
    </message>
    <message>
        <source>relay, interpreted from {0}</source>
        <translation>接力，由 {0} 译出</translation>
    </message>
    <message>
        <source>relay of relay, interpreted from {0}</source>
        <translation>接力的接力，由 {0} 译出</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>floor: the floor itself, no interpretation in between</source>
        <translation>原声：原声本身，中间没有传译</translation>
    </message>
    <message>
        <source>+: one interpretation away from the floor (a direct relay)</source>
        <translation>+：与原声相隔一次传译（直接接力）</translation>
    </message>
    <message>
        <source>−: two or more interpretations away from the floor (relay of relay)</source>
        <translation>−：与原声相隔两次或更多传译（接力的接力）</translation>
    </message>
    <message>
        <source>no source: this channel does not lead back to the floor</source>
        <translation>无来源：此频道无法追溯到原声</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the hearing-protection levels must be numbers</source>
        <translation>听力保护电平必须是数字</translation>
    </message>
    <message>
        <source>the hearing-protection levels may be lowered, but not raised above 100 / 94 / 80 dB SPL</source>
        <translation>听力保护电平可以降低，但不能高于 100 / 94 / 80 dB SPL</translation>
    </message>
    <message>
        <source>the hearing-protection levels cannot be set below 60 dB SPL</source>
        <translation>听力保护电平不能设置为低于 60 dB SPL</translation>
    </message>
    <message>
        <source>the ceiling must be at least the sustained limit, and the sustained limit at least the exposure warning</source>
        <translation>上限必须不低于持续限值，持续限值必须不低于暴露警告</translation>
    </message>
    <message>
        <source>“{0}” for “{1}” is not a key combination: press the keys again</source>
        <translation>“{0}”（用于“{1}”）不是按键组合：请重新按键</translation>
    </message>
    <message>
        <source>{0} moves between controls; choose another key for “{1}”</source>
        <translation>{0} 用于在控件之间移动；请为“{1}”选择其他按键</translation>
    </message>
    <message>
        <source>{0} is already the key of “{1}”; choose another key for “{2}”</source>
        <translation>{0} 已是“{1}”的按键；请为“{2}”选择其他按键</translation>
    </message>
    <message>
        <source>there is no action “{0}” any more</source>
        <translation>已不再有“{0}”这个操作</translation>
    </message>
    <message>
        <source>The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; the safe default of {3:g} dB SPL is used until you calibrate again.</source>
        <translation>保存的耳机校准（{0:g} dB SPL）超出 {1:g} 至 {2:g} 的范围；在重新校准之前，使用安全默认值 {3:g} dB SPL。</translation>
    </message>
    <message>
        <source>the calibration must be {0:g} to {1:g} dB SPL</source>
        <translation>校准值必须在 {0:g} 至 {1:g} dB SPL 之间</translation>
    </message>
    <message>
        <source>The stored calibration source ({0}) is unknown: “measured” is shown.</source>
        <translation>保存的校准来源（{0}）未知：显示为“测量”。</translation>
    </message>
    <message>
        <source>The stored hearing-protection levels are ignored ({0}); the defaults apply.</source>
        <translation>保存的听力保护电平被忽略（{0}）；使用默认值。</translation>
    </message>
    <message>
        <source>The stored shortcuts are unreadable; the default keys apply.</source>
        <translation>保存的快捷键无法读取；使用默认按键。</translation>
    </message>
    <message>
        <source>Your shortcuts are ignored ({0}); the default keys apply.</source>
        <translation>您的快捷键被忽略（{0}）；使用默认按键。</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not on or off; even levels are on.</source>
        <translation>保存的“{0}”值（{1}）既不是开也不是关；电平均衡已开启。</translation>
    </message>
    <message>
        <source>The stored theme “{0}” does not exist; the light theme is used.</source>
        <translation>保存的主题“{0}”不存在；使用浅色主题。</translation>
    </message>
    <message>
        <source>The stored language “{0}” is not one of the console&apos;s; the computer&apos;s language is used.</source>
        <translation>保存的语言“{0}”不是控制台支持的语言；使用计算机的语言。</translation>
    </message>
    <message>
        <source>The list of remembered meetings was unreadable and is not shown.</source>
        <translation>记住的会议列表无法读取，因此不予显示。</translation>
    </message>
    <message>
        <source>The stored window position was unreadable.</source>
        <translation>保存的窗口位置无法读取。</translation>
    </message>
    <message>
        <source>The stored value of “{0}” was unreadable and is ignored.</source>
        <translation>保存的“{0}”的值无法读取，已忽略。</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not a number; {2:g} is used.</source>
        <translation>保存的“{0}”的值（{1}）不是数字；使用 {2:g}。</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not true or false; {2} is used.</source>
        <translation>“{0}”的存储值（{1}）既不是 true 也不是 false；使用 {2}。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>音频(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Hearing protection</source>
        <translation>听力保护(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>快捷键(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme and language</source>
        <translation>主题和语言(&amp;T)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>话筒</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>耳机</translation>
    </message>
    <message>
        <source>Look for &amp;new devices</source>
        <translation>查找新设备(&amp;N)</translation>
    </message>
    <message>
        <source>Look for new devices</source>
        <translation>查找新设备</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>话筒电平</translation>
    </message>
    <message>
        <source>Headset level</source>
        <translation>耳机电平</translation>
    </message>
    <message>
        <source>Play a test t&amp;one</source>
        <translation>播放测试音(&amp;O)</translation>
    </message>
    <message>
        <source>Play a test tone</source>
        <translation>播放测试音</translation>
    </message>
    <message>
        <source>Hear &amp;yourself</source>
        <translation>收听自己(&amp;Y)</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <translation>收听自己</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>话筒(&amp;M)：</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>耳机(&amp;E)：</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>话筒电平：</translation>
    </message>
    <message>
        <source>Headset level:</source>
        <translation>耳机电平：</translation>
    </message>
    <message>
        <source>The console protects your hearing: it never lets a sound in your headset go above a ceiling, turns down sound that stays too loud, and pulls down sudden bangs and feedback howl at once. To do that it must know how loud your headset really is. Until you calibrate it, the console assumes a loud headset, so protection acts early rather than late. Without a meter, run the headset check: set a voice to a comfortable level. If you have a sound level meter, play the test tone, measure it at the ear cup, and enter the reading.</source>
        <translation>控制台会保护您的听力：它绝不让耳机中的声音超过上限，会压低持续过响的声音，并立即压低突然的爆音和啸叫。为此，它必须知道您的耳机实际有多响。在您校准之前，控制台会假定耳机很响，让保护宁早勿晚地起作用。没有声级计时，请进行耳机检查：把一段人声调到舒适的电平。如果您有声级计，请播放测试音，在耳罩处测量，并输入读数。</translation>
    </message>
    <message>
        <source>Headset loudness at full scale</source>
        <translation>耳机满刻度响度</translation>
    </message>
    <message>
        <source>The sound level, in dB SPL, of the loudest tone the headset can play.</source>
        <translation>耳机能播放的最响测试音的声级，单位 dB SPL。</translation>
    </message>
    <message>
        <source>Headset chec&amp;k…</source>
        <translation>耳机检查(&amp;K)…</translation>
    </message>
    <message>
        <source>Headset check: calibrate by choosing a comfortable level, without a meter</source>
        <translation>耳机检查：无需声级计，通过选择舒适电平来校准</translation>
    </message>
    <message>
        <source>Safe de&amp;fault</source>
        <translation>安全默认值(&amp;F)</translation>
    </message>
    <message>
        <source>Use the safe default calibration</source>
        <translation>使用安全的默认校准</translation>
    </message>
    <message>
        <source>Measured level of the test tone</source>
        <translation>测试音的测量电平</translation>
    </message>
    <message>
        <source>&amp;Use this reading</source>
        <translation>使用此读数(&amp;U)</translation>
    </message>
    <message>
        <source>Calibrate from the measured level</source>
        <translation>根据测得的电平校准</translation>
    </message>
    <message>
        <source>Play the calibration t&amp;one</source>
        <translation>播放校准音(&amp;O)</translation>
    </message>
    <message>
        <source>Play the calibration tone</source>
        <translation>播放校准音</translation>
    </message>
    <message>
        <source>Instant ceiling</source>
        <translation>瞬时上限</translation>
    </message>
    <message>
        <source>Sustained limit</source>
        <translation>持续限值</translation>
    </message>
    <message>
        <source>Exposure warning</source>
        <translation>暴露警告</translation>
    </message>
    <message>
        <source>Hearing protection status</source>
        <translation>听力保护状态</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>校准(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Meter reading:</source>
        <translation>声级计读数(&amp;M)：</translation>
    </message>
    <message>
        <source>Limits (may be lowered, not raised)</source>
        <translation>限值（可以降低，不能提高）</translation>
    </message>
    <message>
        <source>Ce&amp;iling:</source>
        <translation>上限(&amp;I)：</translation>
    </message>
    <message>
        <source>Sustaine&amp;d limit:</source>
        <translation>持续限值(&amp;D)：</translation>
    </message>
    <message>
        <source>E&amp;xposure warning:</source>
        <translation>暴露警告(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Hi&amp;gh contrast (strongest contrast, largest focus frame)</source>
        <translation>高对比度（对比最强，焦点框最粗）(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Reduced motion: highlight requests, never flash</source>
        <translation>减少动画：突出显示请求，不闪烁(&amp;R)</translation>
    </message>
    <message>
        <source>Chime in the headset at a hando&amp;ver request or a coordinator&apos;s message</source>
        <translation>收到交接请求或协调员消息时在耳机中提示音(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>计算机的语言</translation>
    </message>
    <message>
        <source>A new language shows when the console starts again.</source>
        <translation>新语言将在控制台下次启动时生效。</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>语言(&amp;U)：</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full scale. Press Apply.</source>
        <translation>已根据 {0:.0f} dBFS 的测试音校准：耳机在满刻度时为 {1:.1f} dB SPL。请按“应用”。</translation>
    </message>
    <message>
        <source>Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact.</source>
        <translation>您的耳机已通过耳机检查校准（满刻度 {0:.0f} dB SPL，假定您选择的电平为 {1:.0f} dB SPL）。声级计读数更准确。</translation>
    </message>
    <message>
        <source>Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale).</source>
        <translation>您的耳机已根据测量校准（满刻度 {0:.0f} dB SPL）。</translation>
    </message>
    <message>
        <source>Not calibrated: the safe default of {0:.0f} dB SPL is assumed.</source>
        <translation>未校准：采用安全默认值 {0:.0f} dB SPL。</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0}（未连接）</translation>
    </message>
    <message>
        <source>Close the meeting&apos;s audio first: devices cannot be searched while in use.</source>
        <translation>请先关闭会议音频：设备正在使用时无法搜索。</translation>
    </message>
    <message>
        <source>The device lists are up to date.</source>
        <translation>设备列表已是最新。</translation>
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
        <translation>操作及其按键</translation>
    </message>
    <message>
        <source>Choose an action with the arrow keys, then record a new key below.</source>
        <translation>用方向键选择一个操作，然后在下方录入新按键。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>New key for the chosen action</source>
        <translation>所选操作的新按键</translation>
    </message>
    <message>
        <source>Press the key combination; it is assigned when you stop typing.</source>
        <translation>按下按键组合；停止输入后即完成分配。</translation>
    </message>
    <message>
        <source>&amp;New key:</source>
        <translation>新按键(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;o key</source>
        <translation>无按键(&amp;O)</translation>
    </message>
    <message>
        <source>Remove the key of the chosen action</source>
        <translation>移除所选操作的按键</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>默认按键(&amp;D)</translation>
    </message>
    <message>
        <source>Give the chosen action its default key</source>
        <translation>将所选操作恢复为其默认按键</translation>
    </message>
    <message>
        <source>All de&amp;faults</source>
        <translation>全部恢复默认(&amp;F)</translation>
    </message>
    <message>
        <source>Give every action its default key</source>
        <translation>将每个操作恢复为其默认按键</translation>
    </message>
    <message>
        <source>Shortcut conflicts</source>
        <translation>快捷键冲突</translation>
    </message>
    <message>
        <source>{0} (conflict)</source>
        <translation>{0}（冲突）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Meeting and booth</source>
        <translation>会议与同传箱</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation>链路质量</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>{0} — {1} booth — {2}</source>
        <translation>{0} — {1} 同传箱 — {2}</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>已连接到 {0}</translation>
    </message>
    <message>
        <source>link: —</source>
        <translation>链路：—</translation>
    </message>
    <message>
        <source>RTT — · jitter — · loss — (unknown while the hub is silent)</source>
        <translation>RTT — · 抖动 — · 丢包 —（服务器无声期间未知）</translation>
    </message>
    <message>
        <source>RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %</source>
        <translation>RTT {0} ms · 抖动 {1:.0f} ms · 丢包 {2:.1f} %</translation>
    </message>
    <message>
        <source>Sound received: {0} concealed, {1} dropped, {2} gaps (audible); {3} stretched, {4} shrunk (inaudible).</source>
        <translation>接收的声音：{0} 帧被掩蔽，{1} 帧被丢弃，{2} 次中断（可听见）；{3} 帧被拉长，{4} 帧被缩短（听不见）。</translation>
    </message>
    <message>
        <source>The system refused real-time priority to the sound: it may break up while this computer is busy.</source>
        <translation>系统拒绝为声音提供实时优先级：本计算机繁忙时声音可能断续。</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>connecting to {0}…</source>
        <translation>正在连接到 {0}…</translation>
    </message>
    <message>
        <source>no sound from the hub for {0:.1f} s: you may not be heard</source>
        <translation>已有 {0:.1f} 秒收不到服务器的声音：别人可能听不到您</translation>
    </message>
    <message>
        <source>connected · sound from the hub is back after {0:.1f} s</source>
        <translation>已连接 · 服务器的声音在 {0:.1f} 秒后恢复</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting… attempt {0} ({1})</source>
        <translation>正在重新连接… 第 {0} 次尝试（{1}）</translation>
    </message>
    <message>
        <source>connection lost: {0}</source>
        <translation>连接已断开：{0}</translation>
    </message>
    <message>
        <source>not connected: {0}</source>
        <translation>未连接：{0}</translation>
    </message>
</context>
<context>
    <name>Volume</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
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
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>尚未回答</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The link is empty: paste the meeting link from your invitation.</source>
        <translation>链接为空：请粘贴邀请中的会议链接。</translation>
    </message>
    <message>
        <source>A meeting link has no spaces in it: copy the whole link again, in one piece.</source>
        <translation>会议链接中没有空格：请重新完整复制整个链接。</translation>
    </message>
    <message>
        <source>This is a token, not a link: paste it into the Token field and type the hub address.</source>
        <translation>这是令牌，不是链接：请将其粘贴到“令牌”栏，并输入服务器地址。</translation>
    </message>
    <message>
        <source>“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. Copy the link from your invitation again.</source>
        <translation>“{text}”不是会议链接：链接以 wss://、rsi:// 或 https:// 开头。请从邀请中重新复制链接。</translation>
    </message>
    <message>
        <source>The link names no computer to connect to: copy the whole link again.</source>
        <translation>链接中没有要连接的计算机：请重新复制整个链接。</translation>
    </message>
    <message>
        <source>The port in the link is not a number from 1 to 65535: copy the link again.</source>
        <translation>链接中的端口不是 1 到 65535 之间的数字：请重新复制链接。</translation>
    </message>
    <message>
        <source>This web address is not a meeting link: it has no hub=… part. Open it in a browser, or ask the organiser for the console link.</source>
        <translation>此网址不是会议链接：其中没有 hub=… 部分。请在浏览器中打开，或向主办方索取控制台链接。</translation>
    </message>
    <message>
        <source>The hub address in the link must start with wss:// (or ws:// on this computer): ask the organiser for a new link.</source>
        <translation>链接中的服务器地址必须以 wss:// 开头（在本机上可用 ws://）：请向主办方索取新链接。</translation>
    </message>
    <message>
        <source>The token is damaged: a token is three parts of letters and digits separated by dots. Copy it again from your invitation.</source>
        <translation>令牌已损坏：令牌由三段字母和数字组成，以点分隔。请从邀请中重新复制。</translation>
    </message>
    <message>
        <source>The address “{address}” cannot be used.</source>
        <translation>无法使用地址“{address}”。</translation>
    </message>
    <message>
        <source>{host} is another computer, and ws:// would send your token to it unencrypted. Use the wss:// address from your invitation (ws:// is only for a hub on this computer).</source>
        <translation>{host} 是另一台计算机，ws:// 会把您的令牌未加密地发送给它。请使用邀请中的 wss:// 地址（ws:// 仅用于本机上的服务器）。</translation>
    </message>
</context>
</TS>
