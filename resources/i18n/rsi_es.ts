<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Actions</name>
    <message>
        <source>Listen to the floor</source>
        <translation>Escuchar la sala</translation>
    </message>
    <message>
        <source>Listen to the next channel</source>
        <translation>Escuchar el canal siguiente</translation>
    </message>
    <message>
        <source>Listen to the previous channel</source>
        <translation>Escuchar el canal anterior</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>Dejar de escuchar</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Force off whoever speaks on the channel you hear</source>
        <translation>Cortar el micrófono de quien habla en el canal que escucha</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Cortar el micrófono</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Idioma de la sala</translation>
    </message>
    <message>
        <source>Set the floor language</source>
        <translation>Fijar el idioma de la sala</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Escribir un mensaje</translation>
    </message>
    <message>
        <source>Acknowledge all alarms</source>
        <translation>Confirmar todas las alarmas</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Microphone on / off</source>
        <translation>Micrófono abierto / cerrado</translation>
    </message>
    <message>
        <source>Cough (hold)</source>
        <translation>Tos (mantener)</translation>
    </message>
    <message>
        <source>Next output channel</source>
        <translation>Canal de salida siguiente</translation>
    </message>
    <message>
        <source>Output A</source>
        <translation>Salida A</translation>
    </message>
    <message>
        <source>Output B</source>
        <translation>Salida B</translation>
    </message>
    <message>
        <source>Output C</source>
        <translation>Salida C</translation>
    </message>
    <message>
        <source>Listen to the relay</source>
        <translation>Escuchar el relé</translation>
    </message>
    <message>
        <source>Pre-select the next relay</source>
        <translation>Preseleccionar el relé siguiente</translation>
    </message>
    <message>
        <source>Pre-select the previous relay</source>
        <translation>Preseleccionar el relé anterior</translation>
    </message>
    <message>
        <source>Pre-select a relay</source>
        <translation>Preseleccionar un relé</translation>
    </message>
    <message>
        <source>Auto-relay on/off</source>
        <translation>Relé automático sí/no</translation>
    </message>
    <message>
        <source>Offer the handover</source>
        <translation>Ofrecer el relevo</translation>
    </message>
    <message>
        <source>Request the handover</source>
        <translation>Pedir el relevo</translation>
    </message>
    <message>
        <source>Accept the handover</source>
        <translation>Aceptar el relevo</translation>
    </message>
    <message>
        <source>Cancel the handover</source>
        <translation>Cancelar el relevo</translation>
    </message>
    <message>
        <source>Ask the speaker to slow down</source>
        <translation>Pedir al orador que hable más despacio</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>Subir volumen</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>Bajar volumen</translation>
    </message>
    <message>
        <source>Set the volume</source>
        <translation>Ajustar el volumen</translation>
    </message>
    <message>
        <source>Relay volume up (floor and relay in an ear each)</source>
        <translation>Subir el volumen del relé (sala y relé, uno en cada oído)</translation>
    </message>
    <message>
        <source>Relay volume down (floor and relay in an ear each)</source>
        <translation>Bajar el volumen del relé (sala y relé, uno en cada oído)</translation>
    </message>
    <message>
        <source>Set the relay volume</source>
        <translation>Ajustar el volumen del relé</translation>
    </message>
    <message>
        <source>Bass up</source>
        <translation>Subir graves</translation>
    </message>
    <message>
        <source>Bass down</source>
        <translation>Bajar graves</translation>
    </message>
    <message>
        <source>Set the bass</source>
        <translation>Ajustar los graves</translation>
    </message>
    <message>
        <source>Treble up</source>
        <translation>Subir agudos</translation>
    </message>
    <message>
        <source>Treble down</source>
        <translation>Bajar agudos</translation>
    </message>
    <message>
        <source>Set the treble</source>
        <translation>Ajustar los agudos</translation>
    </message>
    <message>
        <source>Ear of what you hear: both, left, right</source>
        <translation>Oído de lo que escucha: ambos, izquierdo, derecho</translation>
    </message>
    <message>
        <source>Set the floor ear</source>
        <translation>Ajustar el oído de la sala</translation>
    </message>
    <message>
        <source>Set the relay ear</source>
        <translation>Ajustar el oído del relé</translation>
    </message>
    <message>
        <source>Even level of the floor on/off</source>
        <translation>Nivel igualado de la sala (activar/desactivar)</translation>
    </message>
    <message>
        <source>Even level of the relay on/off</source>
        <translation>Nivel igualado del relé (activar/desactivar)</translation>
    </message>
    <message>
        <source>Even level of the booth partner on/off</source>
        <translation>Nivel igualado del colega de cabina (activar/desactivar)</translation>
    </message>
    <message>
        <source>Hear the booth partner on/off</source>
        <translation>Oír al colega de cabina sí/no</translation>
    </message>
    <message>
        <source>Partner volume up</source>
        <translation>Subir el volumen del colega</translation>
    </message>
    <message>
        <source>Partner volume down</source>
        <translation>Bajar el volumen del colega</translation>
    </message>
    <message>
        <source>Set the partner volume</source>
        <translation>Ajustar el volumen del colega</translation>
    </message>
    <message>
        <source>Partner ear: both, left, right</source>
        <translation>Oído del colega: ambos, izquierdo, derecho</translation>
    </message>
    <message>
        <source>Set the partner ear</source>
        <translation>Ajustar el oído del colega</translation>
    </message>
    <message>
        <source>Mark messages as read</source>
        <translation>Marcar los mensajes como leídos</translation>
    </message>
    <message>
        <source>Connect to a meeting</source>
        <translation>Conectarse a una reunión</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Headset check</source>
        <translation>Prueba de auriculares</translation>
    </message>
    <message>
        <source>Sound check: headset, microphone, level</source>
        <translation>Prueba de sonido: auriculares, micrófono, nivel</translation>
    </message>
    <message>
        <source>Next theme: light, dark, high contrast</source>
        <translation>Tema siguiente: claro, oscuro, alto contraste</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>Acerca de la consola RSI</translation>
    </message>
    <message>
        <source>Next language</source>
        <translation>Idioma siguiente</translation>
    </message>
    <message>
        <source>Previous language</source>
        <translation>Idioma anterior</translation>
    </message>
    <message>
        <source>Report: no sound</source>
        <translation>Avisar: no hay sonido</translation>
    </message>
    <message>
        <source>Report: poor sound</source>
        <translation>Avisar: sonido de mala calidad</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Elegir un idioma</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>Enviar un mensaje</translation>
    </message>
</context>
<context>
    <name>AirButton</name>
    <message>
        <source>ON AIR</source>
        <translation>MICRO ABIERTO</translation>
    </message>
    <message>
        <source>speaking on {0}</source>
        <translation>hablando en {0}</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>SILENCIADO</translation>
    </message>
    <message>
        <source>cough: {0} hears nothing</source>
        <translation>tos: {0} no oye nada</translation>
    </message>
    <message>
        <source>NOT HEARD?</source>
        <translation>¿NO SE OYE?</translation>
    </message>
    <message>
        <source>no sound from the hub: {0} may hear nothing of you</source>
        <translation>no llega sonido del hub: puede que {0} no le oiga</translation>
    </message>
    <message>
        <source>TAKING THE AIR…</source>
        <translation>ABRIENDO EL MICRO…</translation>
    </message>
    <message>
        <source>waiting for the hub: {0}</source>
        <translation>esperando al hub: {0}</translation>
    </message>
    <message>
        <source>OFF AIR</source>
        <translation>MICRO CERRADO</translation>
    </message>
    <message>
        <source>microphone off</source>
        <translation>micrófono cerrado</translation>
    </message>
    <message>
        <source>Microphone: {0}</source>
        <translation>Micrófono: {0}</translation>
    </message>
    <message>
        <source>{0}. Press to switch the microphone on or off ({1}).</source>
        <translation>{0}. Pulse para abrir o cerrar el micrófono ({1}).</translation>
    </message>
</context>
<context>
    <name>AirPanel</name>
    <message>
        <source>Cough (hold to mute)</source>
        <translation>Tos (mantener para silenciar)</translation>
    </message>
    <message>
        <source>Cough — hold</source>
        <translation>Tos — mantener</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Salida:</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Floor level</source>
        <translation>Nivel de la sala</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relé</translation>
    </message>
    <message>
        <source>Relay level</source>
        <translation>Nivel del relé</translation>
    </message>
    <message>
        <source>My mic</source>
        <translation>Mi micro</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>Nivel de mi micrófono</translation>
    </message>
    <message>
        <source>Out L</source>
        <translation>Salida I</translation>
    </message>
    <message>
        <source>Output level, left ear</source>
        <translation>Nivel de salida, oído izquierdo</translation>
    </message>
    <message>
        <source>Out R</source>
        <translation>Salida D</translation>
    </message>
    <message>
        <source>Output level, right ear</source>
        <translation>Nivel de salida, oído derecho</translation>
    </message>
    <message>
        <source>Hearing protection</source>
        <translation>Protección auditiva</translation>
    </message>
    <message>
        <source>engaged: {0}</source>
        <translation>ocupado: {0}</translation>
    </message>
    <message>
        <source>our booth on air</source>
        <translation>nuestra cabina con micro abierto</translation>
    </message>
    <message>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (no actualizado: no se oye el hub)</translation>
    </message>
    <message>
        <source>Output {0}, channel {1}</source>
        <translation>Salida {0}, canal {1}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>Alarmas activas</translation>
    </message>
    <message>
        <source>&amp;Sound for new alarms</source>
        <translation>&amp;Sonido para las alarmas nuevas</translation>
    </message>
    <message>
        <source>Sound for new alarms</source>
        <translation>Sonido para las alarmas nuevas</translation>
    </message>
    <message>
        <source>Alarm: {0}</source>
        <translation>Alarma: {0}</translation>
    </message>
    <message>
        <source>{0} ({1} times)</source>
        <translation>{0} ({1} veces)</translation>
    </message>
    <message>
        <source>Alarms ({0} new)</source>
        <translation>Alarmas ({0} nuevas)</translation>
    </message>
</context>
<context>
    <name>Alarms</name>
    <message>
        <source>{who} asks the speaker to slow down</source>
        <translation>{who} pide al orador que hable más despacio</translation>
    </message>
    <message>
        <source>{who} reports poor sound</source>
        <translation>{who} avisa de un sonido de mala calidad</translation>
    </message>
    <message>
        <source>{who} needs help</source>
        <translation>{who} necesita ayuda</translation>
    </message>
    <message>
        <source>{who} has no sound</source>
        <translation>{who} no tiene sonido</translation>
    </message>
    <message>
        <source>{channel}: {name} is on air, but nothing has been heard for {seconds} s while the floor speaks</source>
        <translation>{channel}: {name} tiene el micro abierto, pero no se oye nada desde hace {seconds} s mientras la sala habla</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s</source>
        <translation>La sala lleva {seconds} s en silencio</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s: no floor source is on air</source>
        <translation>La sala lleva {seconds} s en silencio: ninguna fuente de sala tiene el micro abierto</translation>
    </message>
    <message>
        <source>{name} ({booth}) lost the connection while on air on {channel}</source>
        <translation>{name} ({booth}) perdió la conexión con el micro abierto en {channel}</translation>
    </message>
    <message>
        <source>The {platform} gateway is disconnected: the floor from {platform} is silent</source>
        <translation>La pasarela de {platform} está desconectada: la sala procedente de {platform} está en silencio</translation>
    </message>
    <message>
        <source>{name} ({booth}) has been on air for over {minutes} minutes: time to hand over</source>
        <translation>{name} ({booth}) lleva más de {minutes} minutos con el micro abierto: es hora del relevo</translation>
    </message>
    <message>
        <source>The hub restarted and the floor language went back to the meeting&apos;s default, {language}: set it again if needed</source>
        <translation>El hub se reinició y el idioma de la sala volvió al predeterminado de la reunión, {language}: vuelva a fijarlo si hace falta</translation>
    </message>
</context>
<context>
    <name>BoothTable</name>
    <message>
        <source>Booths</source>
        <translation>Cabinas</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabina</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Micro abierto</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Relevo</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source> (offline)</source>
        <translation> (desconectado)</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} en {1}</translation>
    </message>
    <message>
        <source>{0} offers to {1}</source>
        <translation>{0} ofrece a {1}</translation>
    </message>
    <message>
        <source>{0} asks {1}</source>
        <translation>{0} pide a {1}</translation>
    </message>
</context>
<context>
    <name>ChannelGrid</name>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
</context>
<context>
    <name>ChannelStrip</name>
    <message>
        <source>Channel {0}</source>
        <translation>Canal {0}</translation>
    </message>
    <message>
        <source>Level of channel {0}</source>
        <translation>Nivel del canal {0}</translation>
    </message>
    <message>
        <source>On air on {0}</source>
        <translation>Micro abierto en {0}</translation>
    </message>
    <message>
        <source>Source of {0}</source>
        <translation>Fuente de {0}</translation>
    </message>
    <message>
        <source>Listeners of {0}</source>
        <translation>Oyentes de {0}</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Listen to {0}</source>
        <translation>Escuchar {0}</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Cortar el micrófono</translation>
    </message>
    <message>
        <source>Force off the speaker of {0}</source>
        <translation>Cortar el micrófono de quien habla en {0}</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0} (cough)</source>
        <translation>{0} (tos)</translation>
    </message>
    <message>
        <source>floor: no interpreter</source>
        <translation>sala: ningún intérprete</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>nadie con el micro abierto</translation>
    </message>
    <message>
        <source>the floor, as it is</source>
        <translation>la sala, tal cual</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} escuchando</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuchando</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>the floor</source>
        <translation>la sala</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Floor ({0})</source>
        <translation>Sala ({0})</translation>
    </message>
    <message>
        <source>on air: {0}</source>
        <translation>micro abierto: {0}</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>nadie con el micro abierto</translation>
    </message>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>nadie con el micro abierto, lleva la sala</translation>
    </message>
    <message>
        <source>{0} (not listening)</source>
        <translation>{0} (sin escuchar)</translation>
    </message>
    <message>
        <source>live</source>
        <translation>con sonido</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>en silencio</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} escuchando</translation>
    </message>
    <message>
        <source>your output</source>
        <translation>su salida</translation>
    </message>
    <message>
        <source>Your output, {0}: {1} listening</source>
        <translation>Su salida, {0}: {1} escuchando</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Write to the booths…</source>
        <translation>Escribir a las cabinas…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Booth {0}</source>
        <translation>Cabina {0}</translation>
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
        <translation>Su token ha caducado. Pida uno nuevo a la organización de la reunión.</translation>
    </message>
    <message>
        <source>The hub refused your token. Check that you copied all of it, or ask the organiser for a new one.</source>
        <translation>El hub rechazó su token. Compruebe que lo copió entero o pida uno nuevo a la organización.</translation>
    </message>
    <message>
        <source>This hub runs another meeting than the one your token is for ({0}). Check that the address and the token come from the same invitation.</source>
        <translation>Este hub aloja otra reunión distinta de la de su token ({0}). Compruebe que la dirección y el token vienen de la misma invitación.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the address and your network connection; if both are right, the hub may not be running yet: ask the organiser.</source>
        <translation>No se puede llegar al hub. Compruebe la dirección y su conexión de red; si ambas son correctas, puede que el hub aún no esté en marcha: pregunte a la organización.</translation>
    </message>
    <message>
        <source>There is no meeting hub at this address. Check the address: it usually starts with wss:// and ends with /v1.</source>
        <translation>No hay ningún hub de reunión en esta dirección. Compruebe la dirección: suele empezar por wss:// y terminar en /v1.</translation>
    </message>
    <message>
        <source>The meeting has no booth for your token. Ask the organiser for a token for one of its booths.</source>
        <translation>La reunión no tiene ninguna cabina para su token. Pida a la organización un token para una de sus cabinas.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>Se canceló la conexión.</translation>
    </message>
    <message>
        <source>This address is not encrypted (ws://) and leads to another computer: your token would cross the network in clear. Use the hub&apos;s wss:// address.</source>
        <translation>Esta dirección no está cifrada (ws://) y lleva a otro ordenador: su token cruzaría la red sin cifrar. Use la dirección wss:// del hub.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent. If the meeting uses its own certificate authority, ask the organiser for its CA file and give it as the CA certificate file.</source>
        <translation>No se pudo verificar el certificado del hub, así que no se envió nada. Si la reunión usa su propia autoridad de certificación, pida a la organización su archivo de la AC e indíquelo como archivo de certificado de la AC.</translation>
    </message>
    <message>
        <source>The hub closed the connection before letting you in. Try again; if it happens again, tell the technician.</source>
        <translation>El hub cerró la conexión antes de dejarle entrar. Vuelva a intentarlo; si vuelve a ocurrir, avise al equipo técnico.</translation>
    </message>
    <message>
        <source>You left the meeting.</source>
        <translation>Ha salido de la reunión.</translation>
    </message>
    <message>
        <source>You joined this meeting from another window or computer, so this one was disconnected.</source>
        <translation>Se unió a esta reunión desde otra ventana u otro ordenador, así que esta se desconectó.</translation>
    </message>
    <message>
        <source>The hub disconnected this console because it sent too many requests. Tell the technician.</source>
        <translation>El hub desconectó esta consola porque envió demasiadas peticiones. Avise al equipo técnico.</translation>
    </message>
    <message>
        <source>The hub is shutting down. Reconnecting when it is back…</source>
        <translation>El hub se está apagando. Se reconectará cuando vuelva…</translation>
    </message>
    <message>
        <source>The connection to the hub was lost. Reconnecting…</source>
        <translation>Se perdió la conexión con el hub. Reconectando…</translation>
    </message>
    <message>
        <source>The hub ended the connection.</source>
        <translation>El hub terminó la conexión.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a meeting</source>
        <translation>Conectarse a una reunión</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>Enlace de la reunión</translation>
    </message>
    <message>
        <source>Paste the link from your invitation: it fills in the address and token.</source>
        <translation>Pegue el enlace de su invitación: rellena la dirección y el token.</translation>
    </message>
    <message>
        <source>rsi://… or wss://…#token=… or https://…?hub=…</source>
        <translation>rsi://… o wss://…#token=… o https://…?hub=…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del hub</translation>
    </message>
    <message>
        <source>For example wss://hub.example.org/v1. Several addresses of one meeting, separated by commas, are tried in turn.</source>
        <translation>Por ejemplo wss://hub.example.org/v1. Varias direcciones de una misma reunión, separadas por comas, se prueban una tras otra.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>The token from your invitation</source>
        <translation>El token de su invitación</translation>
    </message>
    <message>
        <source>S&amp;how the token</source>
        <translation>&amp;Mostrar el token</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Mostrar el token</translation>
    </message>
    <message>
        <source>&amp;Keep the token on this computer (not encrypted)</source>
        <translation>&amp;Guardar el token en este ordenador (sin cifrar)</translation>
    </message>
    <message>
        <source>Keep the token on this computer</source>
        <translation>Guardar el token en este ordenador</translation>
    </message>
    <message>
        <source>Anyone who can read your settings file can then join as you until it expires.</source>
        <translation>Cualquiera que pueda leer su archivo de configuración podrá entonces unirse en su nombre hasta que caduque.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Archivo de certificado de la AC</translation>
    </message>
    <message>
        <source>Only if the meeting has its own certificate authority: the PEM file from the organiser. Leave empty for a hub with a public certificate.</source>
        <translation>Solo si la reunión tiene su propia autoridad de certificación: el archivo PEM que le dio la organización. Déjelo vacío para un hub con certificado público.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Elegir el archivo de certificado de la AC</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection to another computer</source>
        <translation>Permitir conexión &amp;sin cifrar a otro ordenador</translation>
    </message>
    <message>
        <source>Allow unencrypted connection to another computer</source>
        <translation>Permitir conexión sin cifrar a otro ordenador</translation>
    </message>
    <message>
        <source>Warning: with ws:// your token and your voice cross the network in clear; anyone on the way can listen and join as you. Only on a network you trust.</source>
        <translation>Atención: con ws:// su token y su voz cruzan la red sin cifrar; cualquiera en el camino puede escuchar y unirse en su nombre. Solo en una red de confianza.</translation>
    </message>
    <message>
        <source>Remembered meetings</source>
        <translation>Reuniones recordadas</translation>
    </message>
    <message>
        <source>Choose one to fill in its address; Enter connects.</source>
        <translation>Elija una para rellenar su dirección; Intro conecta.</translation>
    </message>
    <message>
        <source>&amp;Forget this meeting</source>
        <translation>&amp;Olvidar esta reunión</translation>
    </message>
    <message>
        <source>Forget the selected meeting</source>
        <translation>Olvidar la reunión elegida</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>En&amp;lace de la reunión:</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>Dirección del &amp;hub:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate file:</source>
        <translation>Archivo de certificado de la &amp;AC:</translation>
    </message>
    <message>
        <source>&amp;Remembered meetings:</source>
        <translation>Reuniones &amp;recordadas:</translation>
    </message>
    <message>
        <source>On a network you trust, you may tick “Allow unencrypted connection to another computer” instead.</source>
        <translation>En una red de confianza, puede marcar en su lugar «Permitir conexión sin cifrar a otro ordenador».</translation>
    </message>
    <message>
        <source>The CA certificate file {0} does not exist. Choose the file the organiser gave you, or leave the field empty.</source>
        <translation>El archivo de certificado de la AC {0} no existe. Elija el archivo que le dio la organización o deje el campo vacío.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Conectando con {0}…</translation>
    </message>
    <message>
        <source>The link is complete: press Connect.</source>
        <translation>El enlace está completo: pulse Conectar.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificados (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>Elija primero una reunión de la lista.</translation>
    </message>
    <message>
        <source>{0} is forgotten.</source>
        <translation>{0} se ha olvidado.</translation>
    </message>
    <message>
        <source>{0} ({1}, last used {2})</source>
        <translation>{0} ({1}, último uso {2})</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>pictures of the console&apos;s window, {0} per second;</source>
        <translation>imágenes de la ventana de la consola, {0} por segundo;</translation>
    </message>
    <message>
        <source>no pictures of the window;</source>
        <translation>ninguna imagen de la ventana;</translation>
    </message>
    <message>
        <source>You are taking part in a usability study of this interpreting console. While the session runs, it records:</source>
        <translation>Está participando en un estudio de usabilidad de esta consola de interpretación. Mientras dura la sesión, graba:</translation>
    </message>
    <message>
        <source>- what you hear in your headset and what you say into your microphone;</source>
        <translation>- lo que oye en sus auriculares y lo que dice a su micrófono;</translation>
    </message>
    <message>
        <source>- every key you press and every control you use in the console;</source>
        <translation>- cada tecla que pulse y cada control que use en la consola;</translation>
    </message>
    <message>
        <source>- your answers to a few questions at the end.</source>
        <translation>- sus respuestas a unas preguntas al final.</translation>
    </message>
    <message>
        <source>Everything stays on this computer, in the folder {0}. Nothing is sent anywhere. The report names you by a pseudonym only.</source>
        <translation>Todo se queda en este ordenador, en la carpeta {0}. No se envía nada a ninguna parte. El informe solo le nombra con un seudónimo.</translation>
    </message>
    <message>
        <source>You may stop at any time: close the window, and tell the researcher whether to delete what was recorded.</source>
        <translation>Puede parar en cualquier momento: cierre la ventana y diga al investigador si hay que borrar lo grabado.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Before the study starts</source>
        <translation>Antes de empezar el estudio</translation>
    </message>
    <message>
        <source>Consent to the study</source>
        <translation>Consentimiento para el estudio</translation>
    </message>
    <message>
        <source>What the study records</source>
        <translation>Lo que graba el estudio</translation>
    </message>
    <message>
        <source>Recordings are kept in: {0}</source>
        <translation>Las grabaciones se guardan en: {0}</translation>
    </message>
    <message>
        <source>I &amp;do not agree: stop here</source>
        <translation>No acepto: &amp;detener aquí</translation>
    </message>
    <message>
        <source>Decline: nothing is recorded</source>
        <translation>Rechazar: no se graba nada</translation>
    </message>
    <message>
        <source>I &amp;agree: start the session</source>
        <translation>&amp;Acepto: empezar la sesión</translation>
    </message>
    <message>
        <source>Agree and start the session</source>
        <translation>Aceptar y empezar la sesión</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>RSI console</source>
        <translation>Consola RSI</translation>
    </message>
    <message>
        <source>Interpreter console</source>
        <translation>Consola de intérprete</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Conectar…</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>Acerca de la consola RSI</translation>
    </message>
    <message>
        <source>RSI console: remote simultaneous interpretation, free software. Every action is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys.</source>
        <translation>Consola RSI: interpretación simultánea a distancia, software libre. Cada acción está en los menús con su tecla; Ayuda ▸ Atajos de teclado cambia las teclas.</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Pasarela</translation>
    </message>
    <message>
        <source>Gateway · {0}</source>
        <translation>Pasarela · {0}</translation>
    </message>
    <message>
        <source>loop: {0}</source>
        <translation>bucle: {0}</translation>
    </message>
    <message>
        <source>no source: {0}</source>
        <translation>sin fuente: {0}</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>sala</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>RSI console – coordinator</source>
        <translation>Consola RSI – coordinación</translation>
    </message>
    <message>
        <source>Coordinator console</source>
        <translation>Consola de coordinación</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>&amp;Floor language:</source>
        <translation>Idioma de la &amp;sala:</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Idioma de la sala</translation>
    </message>
    <message>
        <source>Who set the floor language</source>
        <translation>Quién fijó el idioma de la sala</translation>
    </message>
    <message>
        <source>Listening to</source>
        <translation>Escuchando</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Oyentes</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Reloj</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>{0} listeners</source>
        <translation>{0} oyentes</translation>
    </message>
    <message>
        <source>Listening to {0}</source>
        <translation>Escuchando {0}</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Sin escuchar</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconectando</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>conexión perdida</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin fijar</translation>
    </message>
</context>
<context>
    <name>Ear</name>
    <message>
        <source>both ears</source>
        <translation>ambos oídos</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>oído izquierdo</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>oído derecho</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Sound check</source>
        <translation>Prueba de sonido</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Volver</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Skip the check</source>
        <translation>&amp;Omitir la prueba</translation>
    </message>
    <message>
        <source>1. Your headset and microphone</source>
        <translation>1. Sus auriculares y su micrófono</translation>
    </message>
    <message>
        <source>Plug in your headset, then choose it and its microphone. A USB headset with a microphone close to your mouth sounds best; the computer&apos;s own loudspeakers and microphone are not fit for interpreting.</source>
        <translation>Conecte sus auriculares y elíjalos junto con su micrófono. Unos auriculares USB con el micrófono cerca de la boca suenan mejor; los altavoces y el micrófono del propio ordenador no sirven para interpretar.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Auriculares</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>Estado de los dispositivos</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>A&amp;uriculares:</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micrófono:</translation>
    </message>
    <message>
        <source>2. Hear the reference voice</source>
        <translation>2. Oír la voz de referencia</translation>
    </message>
    <message>
        <source>The headset check plays a voice at the level of every meeting; you set it comfortable, and hearing protection learns how loud your headset plays.</source>
        <translation>La prueba de auriculares reproduce una voz al nivel de todas las reuniones; usted la ajusta a un nivel cómodo y la protección auditiva aprende lo fuertes que suenan sus auriculares.</translation>
    </message>
    <message>
        <source>&amp;Open the headset check…</source>
        <translation>&amp;Abrir la prueba de auriculares…</translation>
    </message>
    <message>
        <source>Open the headset check</source>
        <translation>Abrir la prueba de auriculares</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>Estado de la prueba de auriculares</translation>
    </message>
    <message>
        <source>3. Speak and watch your microphone</source>
        <translation>3. Hablar y mirar su micrófono</translation>
    </message>
    <message>
        <source>Speak as you do in the booth: the bar should move well into its upper half. If it stays still, go back and choose another microphone.</source>
        <translation>Hable como en la cabina: la barra debe subir bien hasta su mitad superior. Si no se mueve, vuelva atrás y elija otro micrófono.</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>sin señal</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>4. Ready</source>
        <translation>4. Listo</translation>
    </message>
    <message>
        <source>Your sound is set. To join a meeting, press Connect in the window or choose {0}, and paste the hub address and the token the organiser sent you. To run this check again: {1}.</source>
        <translation>Su sonido está listo. Para unirse a una reunión, pulse Conectar en la ventana o elija {0}, y pegue la dirección del hub y el token que le envió la organización. Para repetir esta prueba: {1}.</translation>
    </message>
    <message>
        <source>Done: your headset plays speech at a level you chose.</source>
        <translation>Hecho: sus auriculares reproducen la voz al nivel que usted eligió.</translation>
    </message>
    <message>
        <source>Not done yet: hearing protection keeps its safe default until you do it.</source>
        <translation>Aún sin hacer: la protección auditiva mantiene su valor seguro por defecto hasta que la haga.</translation>
    </message>
</context>
<context>
    <name>FloorLanguage</name>
    <message>
        <source>(set by {0})</source>
        <translation>(fijado por {0})</translation>
    </message>
    <message>
        <source>(from the meeting&apos;s settings)</source>
        <translation>(según la configuración de la reunión)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin fijar</translation>
    </message>
    <message>
        <source>Floor language: {0} {1}</source>
        <translation>Idioma de la sala: {0} {1}</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <source>Handover</source>
        <translation>Relevo</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Colega de cabina</translation>
    </message>
    <message>
        <source>Turn timer</source>
        <translation>Tiempo de turno</translation>
    </message>
    <message>
        <source>Pending handover</source>
        <translation>Relevo pendiente</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Ofrecer</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Pedir</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Partner: nobody else in the booth</source>
        <translation>Colega: no hay nadie más en la cabina</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>live, coughing</source>
        <translation>micro abierto, tos</translation>
    </message>
    <message>
        <source>live</source>
        <translation>micro abierto</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>escuchando</translation>
    </message>
    <message>
        <source>Partner: {0}</source>
        <translation>Colega: {0}</translation>
    </message>
    <message>
        <source>Turn {0}</source>
        <translation>Turno {0}</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (no actualizado: no se oye el hub)</translation>
    </message>
    <message>
        <source>{0} offers you the air: accept to take over</source>
        <translation>{0} le ofrece el micro: acepte para tomar el relevo</translation>
    </message>
    <message>
        <source>{0} asks for the air: accept to hand over</source>
        <translation>{0} pide el micro: acepte para cederle el relevo</translation>
    </message>
    <message>
        <source>You offered the air to {0}: waiting</source>
        <translation>Ha ofrecido el micro a {0}: esperando</translation>
    </message>
    <message>
        <source>You asked {0} for the air: waiting</source>
        <translation>Ha pedido el micro a {0}: esperando</translation>
    </message>
    <message>
        <source>Press {0} to take the air</source>
        <translation>Pulse {0} para tomar el micrófono</translation>
    </message>
    <message>
        <source>Press Accept to take the air</source>
        <translation>Pulse Aceptar para tomar el micrófono</translation>
    </message>
    <message>
        <source>Press {0} to hand over the air</source>
        <translation>Pulse {0} para ceder el micrófono</translation>
    </message>
    <message>
        <source>Press Accept to hand over the air</source>
        <translation>Pulse Aceptar para ceder el micrófono</translation>
    </message>
</context>
<context>
    <name>HeadsetCheckDialog</name>
    <message>
        <source>Headset check</source>
        <translation>Prueba de auriculares</translation>
    </message>
    <message>
        <source>Put on your headset and press Play: you hear a voice at the level the console brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow keys) until it is comfortable, as you would like to hear a speaker for an hour; if it is still too quiet at the top, turn up your headset or computer. Then press Done, and leave your computer&apos;s volume where it is.</source>
        <translation>Póngase los auriculares y pulse Reproducir: oirá una voz al nivel al que la consola lleva todas las reuniones ({0:.0f} LUFS). Ajústela con el control deslizante (o las flechas) hasta que le resulte cómoda, como le gustaría oír a un orador durante una hora; si sigue siendo demasiado baja al máximo, suba el volumen de los auriculares o del ordenador. Después pulse Listo y no toque el volumen del ordenador.</translation>
    </message>
    <message>
        <source>The console assumes that a comfortable level for speech is about {0:.0f} dB SPL (most people choose 70 to 75) and sets hearing protection from the level you choose: the ceiling, the limit for sound that stays loud, and the warning after a loud minute. If you have a sound level meter, calibrate with it in Settings instead: it is more exact.</source>
        <translation>La consola supone que un nivel cómodo para la voz es de unos {0:.0f} dB SPL (la mayoría elige entre 70 y 75) y ajusta la protección auditiva a partir del nivel que usted elija: el techo, el límite para un sonido que se mantiene fuerte y el aviso tras un minuto fuerte. Si tiene un sonómetro, calibre con él en Configuración: es más exacto.</translation>
    </message>
    <message>
        <source>Volume of the voice</source>
        <translation>Volumen de la voz</translation>
    </message>
    <message>
        <source>Volume of the voice, in dB</source>
        <translation>Volumen de la voz, en dB</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Volumen:</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>Estado de la prueba de auriculares</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
    <message>
        <source>Done: calibrate from this volume</source>
        <translation>Listo: calibrar con este volumen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sto&amp;p the voice</source>
        <translation>&amp;Detener la voz</translation>
    </message>
    <message>
        <source>&amp;Play the voice</source>
        <translation>&amp;Reproducir la voz</translation>
    </message>
    <message>
        <source>The voice is stopped. Press Done to calibrate.</source>
        <translation>La voz está detenida. Pulse Listo para calibrar.</translation>
    </message>
    <message>
        <source>The voice plays. Set it comfortable, then press Done.</source>
        <translation>La voz se está reproduciendo. Póngala a un nivel cómodo y pulse Listo.</translation>
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
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relé</translation>
    </message>
    <message>
        <source>Relay:</source>
        <translation>Relé:</translation>
    </message>
    <message>
        <source>Pre-selected relay channel</source>
        <translation>Canal de relé preseleccionado</translation>
    </message>
    <message>
        <source>Relay quality</source>
        <translation>Calidad del relé</translation>
    </message>
    <message>
        <source>Auto-relay</source>
        <translation>Relé automático</translation>
    </message>
    <message>
        <source>The input follows the best source as the floor language changes</source>
        <translation>La entrada sigue a la mejor fuente cuando cambia el idioma de la sala</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Idioma de la sala</translation>
    </message>
    <message>
        <source>Why this source</source>
        <translation>Por qué esta fuente</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Lo que oye</translation>
    </message>
    <message>
        <source>Your audience</source>
        <translation>Su público</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Relay volume</source>
        <translation>Volumen del relé</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>Graves</translation>
    </message>
    <message>
        <source>Treble</source>
        <translation>Agudos</translation>
    </message>
    <message>
        <source>Floor ear</source>
        <translation>Oído de la sala</translation>
    </message>
    <message>
        <source>Relay ear</source>
        <translation>Oído del relé</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Colega de cabina</translation>
    </message>
    <message>
        <source>Hear my booth&apos;s output</source>
        <translation>Oír la salida de mi cabina</translation>
    </message>
    <message>
        <source>Ear</source>
        <translation>Oído</translation>
    </message>
    <message>
        <source>Even level of the floor</source>
        <translation>Nivel igualado de la sala</translation>
    </message>
    <message>
        <source>Even level of the relay</source>
        <translation>Nivel igualado del relé</translation>
    </message>
    <message>
        <source>Even level of the booth partner</source>
        <translation>Nivel igualado del colega de cabina</translation>
    </message>
    <message>
        <source>Even level</source>
        <translation>Nivel igualado</translation>
    </message>
    <message>
        <source>Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at most {1:g} dB; the meters show it as it arrives</source>
        <translation>Lleva esta entrada a la sonoridad común ({0:g} LUFS) con una ganancia lenta de {1:g} dB como máximo; los medidores la muestran tal como llega</translation>
    </message>
    <message>
        <source>Floor volume</source>
        <translation>Volumen de la sala</translation>
    </message>
    <message>
        <source>Keys: {0} louder, {1} softer</source>
        <translation>Teclas: {0} más fuerte, {1} más bajo</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>You hear: nothing</source>
        <translation>Oye: nada</translation>
    </message>
    <message>
        <source>You hear: the floor</source>
        <translation>Oye: la sala</translation>
    </message>
    <message>
        <source>You hear: the floor in your {0}, relay from {1} in your {2}</source>
        <translation>Oye: la sala en su {0}, el relé de {1} en su {2}</translation>
    </message>
    <message>
        <source>You hear: relay from {0} ({1})</source>
        <translation>Oye: relé de {0} ({1})</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activado</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>árabe</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>chino</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>neerlandés</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglés</translation>
    </message>
    <message>
        <source>French</source>
        <translation>francés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>alemán</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>griego</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>hebreo</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>hindi</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>japonés</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>coreano</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>persa</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polaco</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugués</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>ruso</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>español</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>sueco</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>turco</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ucraniano</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>peak {0:.0f} dBFS, average {1:.0f} dBFS{2}</source>
        <translation>pico {0:.0f} dBFS, media {1:.0f} dBFS{2}</translation>
    </message>
    <message>
        <source>, clipping</source>
        <translation>, saturación</translation>
    </message>
</context>
<context>
    <name>ListenerWindow</name>
    <message>
        <source>RSI console – listener</source>
        <translation>Consola RSI – oyente</translation>
    </message>
    <message>
        <source>Listener console</source>
        <translation>Consola de oyente</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Level of what you hear</source>
        <translation>Nivel de lo que oye</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Lo que oye</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>No interpreter is on air in this language: you hear the floor (the speaker&apos;s own language)</source>
        <translation>Ningún intérprete tiene el micro abierto en este idioma: oye la sala (el idioma del orador)</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Elegir un idioma</translation>
    </message>
    <message>
        <source>You hear {0}</source>
        <translation>Oye {0}</translation>
    </message>
    <message>
        <source>Floor (original)</source>
        <translation>Sala (original)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Meeting</source>
        <translation>&amp;Reunión</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>&amp;Audio</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Barra de menús</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>Mensajes sin leer</translation>
    </message>
    <message>
        <source>Message from a coordinator</source>
        <translation>Mensaje de un coordinador</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabina</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinación</translation>
    </message>
    <message>
        <source>Send the message to</source>
        <translation>Enviar el mensaje a</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Message… [{0}]</source>
        <translation>Mensaje… [{0}]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar el mensaje</translation>
    </message>
    <message>
        <source>Slow down, please</source>
        <translation>Más despacio, por favor</translation>
    </message>
    <message>
        <source>Asks the speaker to slow down: the coordinators and the chair see that it comes from you</source>
        <translation>Pide al orador que hable más despacio: los coordinadores y la presidencia ven que viene de usted</translation>
    </message>
    <message>
        <source>Messages — {0} unread</source>
        <translation>Mensajes — {0} sin leer</translation>
    </message>
    <message>
        <source>{0} unread: {1} to read and answer</source>
        <translation>{0} sin leer: {1} para leer y responder</translation>
    </message>
    <message>
        <source>booth</source>
        <translation>cabina</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: press {1} to read and answer</source>
        <translation>Mensaje de {0}, coordinador: pulse {1} para leerlo y responder</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: read and answer below</source>
        <translation>Mensaje de {0}, coordinador: léalo y responda abajo</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: {1}</source>
        <translation>Mensaje de {0}, coordinador: {1}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Connection restored: listening to {0} again.</source>
        <translation>Conexión restablecida: vuelve a escuchar {0}.</translation>
    </message>
    <message>
        <source>You were on air on {0}: the microphone is off. Press it to speak again.</source>
        <translation>Tenía el micro abierto en {0}: el micrófono está cerrado. Púlselo para volver a hablar.</translation>
    </message>
    <message>
        <source>A coordinator switched your microphone off.</source>
        <translation>Un coordinador le cerró el micrófono.</translation>
    </message>
    <message>
        <source>You have no output channel: are you in a booth?</source>
        <translation>No tiene canal de salida: ¿está en una cabina?</translation>
    </message>
    <message>
        <source>“Slow down” was sent: the coordinators and the chair see that it comes from you.</source>
        <translation>Se envió «Más despacio»: los coordinadores y la presidencia ven que viene de usted.</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>La configuración no está disponible en esta ventana.</translation>
    </message>
</context>
<context>
    <name>NoticesArea</name>
    <message>
        <source>Notices</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>Ningún aviso</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0} (y {1} más)</translation>
    </message>
    <message>
        <source>You are not in a meeting. To join one, press Connect or choose {0}.</source>
        <translation>No está en ninguna reunión. Para unirse a una, pulse Conectar o elija {0}.</translation>
    </message>
    <message>
        <source>No sound card: you hear nothing (the meters and the floor keep running). Connect a headset, then choose it in {0}, page Audio.</source>
        <translation>No hay tarjeta de sonido: no oye nada (los medidores y la sala siguen funcionando). Conecte unos auriculares y elíjalos en {0}, página Audio.</translation>
    </message>
    <message>
        <source>Sound card problem: {0}</source>
        <translation>Problema con la tarjeta de sonido: {0}</translation>
    </message>
    <message>
        <source>Floor sound is poor: {0}</source>
        <translation>El sonido de la sala es malo: {0}</translation>
    </message>
</context>
<context>
    <name>ParticipantTable</name>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabina</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>sin datos aún</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>malo</translation>
    </message>
    <message>
        <source>good</source>
        <translation>bueno</translation>
    </message>
    <message>
        <source> (on air)</source>
        <translation> (micro abierto)</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>Peaks above the safe ceiling are cut off.</source>
        <translation>Se recortan los picos por encima del techo de seguridad.</translation>
    </message>
    <message>
        <source>The sound stays too loud, so it is turned down while it lasts.</source>
        <translation>El sonido sigue demasiado fuerte, así que se baja mientras dure.</translation>
    </message>
    <message>
        <source>A sudden bang is being turned down.</source>
        <translation>Se está atenuando un golpe repentino.</translation>
    </message>
    <message>
        <source>Feedback howl is being turned down.</source>
        <translation>Se está atenuando un acople.</translation>
    </message>
    <message>
        <source>You listened loudly for a while, so the volume is lowered to rest your ears.</source>
        <translation>Ha escuchado fuerte durante un rato, así que el volumen se baja para que descansen sus oídos.</translation>
    </message>
    <message>
        <source>The last safety stage is cutting peaks that got through.</source>
        <translation>La última etapa de seguridad está recortando picos que se han colado.</translation>
    </message>
    <message>
        <source>A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears.</source>
        <translation>Se atenuó un sonido fuerte y repentino ({0:.0f} dB SPL) para proteger sus oídos.</translation>
    </message>
    <message>
        <source>Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the microphone that is too close to a loudspeaker.</source>
        <translation>Se está atenuando un acople ({0:.0f} Hz). Pida al equipo técnico que silencie el micrófono que está demasiado cerca de un altavoz.</translation>
    </message>
    <message>
        <source>The feedback howl has stopped: the sound comes back.</source>
        <translation>El acople ha cesado: el sonido vuelve.</translation>
    </message>
    <message>
        <source>The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your volume down.</source>
        <translation>El sonido es demasiado fuerte ({0:.0f} dB SPL) y se baja mientras dure. Baje su volumen.</translation>
    </message>
    <message>
        <source>The sound is no longer too loud: it is back to your volume.</source>
        <translation>El sonido ya no es demasiado fuerte: vuelve a su volumen.</translation>
    </message>
    <message>
        <source>Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered for {1} minutes to protect your hearing. If that was your usual level, run the headset check (in Settings) so the console knows how loud your headset is.</source>
        <translation>Durante el último minuto escuchó a {0:.0f} dB SPL de media: el volumen se baja durante {1} minutos para proteger su audición. Si ese era su nivel habitual, haga la prueba de auriculares (en Configuración) para que la consola sepa lo fuertes que son sus auriculares.</translation>
    </message>
    <message>
        <source>The volume is back where you set it after resting your ears.</source>
        <translation>El volumen vuelve a su ajuste tras el descanso de sus oídos.</translation>
    </message>
    <message>
        <source>The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the technician: this should not happen.</source>
        <translation>La última etapa de seguridad recortó un pico de {0:.0f} dB SPL que se había colado. Avise al equipo técnico: esto no debería ocurrir.</translation>
    </message>
    <message>
        <source>Broken samples in the sound were replaced by silence. Please tell the technician.</source>
        <translation>Se sustituyeron muestras dañadas del sonido por silencio. Avise al equipo técnico.</translation>
    </message>
    <message>
        <source>Hearing protection: not acting.</source>
        <translation>Protección auditiva: inactiva.</translation>
    </message>
    <message>
        <source>Hearing protection turns the sound down by {0:.0f} dB. {1}</source>
        <translation>La protección auditiva baja el sonido {0:.0f} dB. {1}</translation>
    </message>
    <message>
        <source>Hearing protection acted on the sound.</source>
        <translation>La protección auditiva actuó sobre el sonido.</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>floor</source>
        <translation>sala</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>sin fuente</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>A few questions about the session</source>
        <translation>Unas preguntas sobre la sesión</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Questions left</source>
        <translation>Preguntas pendientes</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Finish: save the answers</source>
        <translation>Terminar: guardar las respuestas</translation>
    </message>
    <message>
        <source>Using the console (System Usability Scale)</source>
        <translation>El uso de la consola (System Usability Scale)</translation>
    </message>
    <message>
        <source>From 1, strongly disagree, to 5, strongly agree.</source>
        <translation>De 1, totalmente en desacuerdo, a 5, totalmente de acuerdo.</translation>
    </message>
    <message>
        <source>{0}: strongly disagree</source>
        <translation>{0}: totalmente en desacuerdo</translation>
    </message>
    <message>
        <source>{0}: strongly agree</source>
        <translation>{0}: totalmente de acuerdo</translation>
    </message>
    <message>
        <source>The workload (NASA-TLX)</source>
        <translation>La carga de trabajo (NASA-TLX)</translation>
    </message>
    <message>
        <source>From 0 to 100, in steps of 5.</source>
        <translation>De 0 a 100, de 5 en 5.</translation>
    </message>
    <message>
        <source>Your views</source>
        <translation>Su opinión</translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>Todas las preguntas tienen respuesta.</translation>
    </message>
    <message>
        <source>Questions left: {0}.</source>
        <translation>Preguntas pendientes: {0}.</translation>
    </message>
</context>
<context>
    <name>Relays</name>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>nadie con el micro abierto, lleva la sala</translation>
    </message>
    <message>
        <source>on air, but its interpreter hears nothing</source>
        <translation>micro abierto, pero su intérprete no oye nada</translation>
    </message>
    <message>
        <source>interpreted from {0}, never reaching the floor</source>
        <translation>interpretado de {0}, sin llegar nunca a la sala</translation>
    </message>
    <message>
        <source>relay, interpreted from {0}</source>
        <translation>relé, interpretado de {0}</translation>
    </message>
    <message>
        <source>relay of relay, interpreted from {0}</source>
        <translation>relé de relé, interpretado de {0}</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>floor: the floor itself, no interpretation in between</source>
        <translation>sala: la propia sala, sin interpretación de por medio</translation>
    </message>
    <message>
        <source>+: one interpretation away from the floor (a direct relay)</source>
        <translation>+: a una interpretación de la sala (relé directo)</translation>
    </message>
    <message>
        <source>−: two or more interpretations away from the floor (relay of relay)</source>
        <translation>−: a dos o más interpretaciones de la sala (relé de relé)</translation>
    </message>
    <message>
        <source>no source: this channel does not lead back to the floor</source>
        <translation>sin fuente: este canal no remonta a la sala</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the hearing-protection levels must be numbers</source>
        <translation>los niveles de protección auditiva deben ser números</translation>
    </message>
    <message>
        <source>the hearing-protection levels may be lowered, but not raised above 100 / 94 / 80 dB SPL</source>
        <translation>los niveles de protección auditiva pueden bajarse, pero no subirse por encima de 100 / 94 / 80 dB SPL</translation>
    </message>
    <message>
        <source>the hearing-protection levels cannot be set below 60 dB SPL</source>
        <translation>los niveles de protección auditiva no pueden ser inferiores a 60 dB SPL</translation>
    </message>
    <message>
        <source>the ceiling must be at least the sustained limit, and the sustained limit at least the exposure warning</source>
        <translation>el techo debe ser al menos el límite sostenido, y el límite sostenido al menos el aviso de exposición</translation>
    </message>
    <message>
        <source>“{0}” for “{1}” is not a key combination: press the keys again</source>
        <translation>«{0}» para «{1}» no es una combinación de teclas: vuelva a pulsar las teclas</translation>
    </message>
    <message>
        <source>{0} moves between controls; choose another key for “{1}”</source>
        <translation>{0} sirve para pasar de un control a otro; elija otra tecla para «{1}»</translation>
    </message>
    <message>
        <source>{0} is already the key of “{1}”; choose another key for “{2}”</source>
        <translation>{0} ya es la tecla de «{1}»; elija otra tecla para «{2}»</translation>
    </message>
    <message>
        <source>there is no action “{0}” any more</source>
        <translation>la acción «{0}» ya no existe</translation>
    </message>
    <message>
        <source>The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; the safe default of {3:g} dB SPL is used until you calibrate again.</source>
        <translation>La calibración de auriculares guardada ({0:g} dB SPL) está fuera del intervalo de {1:g} a {2:g}; se usa el valor seguro por defecto de {3:g} dB SPL hasta que vuelva a calibrar.</translation>
    </message>
    <message>
        <source>the calibration must be {0:g} to {1:g} dB SPL</source>
        <translation>la calibración debe estar entre {0:g} y {1:g} dB SPL</translation>
    </message>
    <message>
        <source>The stored calibration source ({0}) is unknown: “measured” is shown.</source>
        <translation>El origen de calibración guardado ({0}) es desconocido: se muestra «medido».</translation>
    </message>
    <message>
        <source>The stored hearing-protection levels are ignored ({0}); the defaults apply.</source>
        <translation>Se ignoran los niveles de protección auditiva guardados ({0}); se aplican los valores por defecto.</translation>
    </message>
    <message>
        <source>The stored shortcuts are unreadable; the default keys apply.</source>
        <translation>Los atajos guardados no se pueden leer; se aplican las teclas por defecto.</translation>
    </message>
    <message>
        <source>Your shortcuts are ignored ({0}); the default keys apply.</source>
        <translation>Se ignoran sus atajos ({0}); se aplican las teclas por defecto.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not on or off; even levels are on.</source>
        <translation>El valor guardado de «{0}» ({1}) no es activado ni desactivado; el nivel igualado está activado.</translation>
    </message>
    <message>
        <source>The stored theme “{0}” does not exist; the light theme is used.</source>
        <translation>El tema guardado «{0}» no existe; se usa el tema claro.</translation>
    </message>
    <message>
        <source>The stored language “{0}” is not one of the console&apos;s; the computer&apos;s language is used.</source>
        <translation>El idioma guardado «{0}» no es uno de los de la consola; se usa el idioma del ordenador.</translation>
    </message>
    <message>
        <source>The list of remembered meetings was unreadable and is not shown.</source>
        <translation>La lista de reuniones recordadas no se podía leer y no se muestra.</translation>
    </message>
    <message>
        <source>The stored window position was unreadable.</source>
        <translation>La posición guardada de la ventana no se podía leer.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” was unreadable and is ignored.</source>
        <translation>El valor guardado de «{0}» no se podía leer y se ignora.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not a number; {2:g} is used.</source>
        <translation>El valor guardado de «{0}» ({1}) no es un número; se usa {2:g}.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not true or false; {2} is used.</source>
        <translation>El valor guardado de «{0}» ({1}) no es verdadero ni falso; se usa {2}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Páginas de configuración</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>&amp;Audio</translation>
    </message>
    <message>
        <source>&amp;Hearing protection</source>
        <translation>&amp;Protección auditiva</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>Ata&amp;jos</translation>
    </message>
    <message>
        <source>&amp;Theme and language</source>
        <translation>&amp;Tema e idioma</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>Apli&amp;car</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Auriculares</translation>
    </message>
    <message>
        <source>Look for &amp;new devices</source>
        <translation>Buscar &amp;nuevos dispositivos</translation>
    </message>
    <message>
        <source>Look for new devices</source>
        <translation>Buscar nuevos dispositivos</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>Estado de los dispositivos</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>sin señal</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>Headset level</source>
        <translation>Nivel de los auriculares</translation>
    </message>
    <message>
        <source>Play a test t&amp;one</source>
        <translation>Reproducir un t&amp;ono de prueba</translation>
    </message>
    <message>
        <source>Play a test tone</source>
        <translation>Reproducir un tono de prueba</translation>
    </message>
    <message>
        <source>Hear &amp;yourself</source>
        <translation>&amp;Escucharse</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <translation>Escucharse</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micrófono:</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>A&amp;uriculares:</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>Nivel del micrófono:</translation>
    </message>
    <message>
        <source>Headset level:</source>
        <translation>Nivel de los auriculares:</translation>
    </message>
    <message>
        <source>The console protects your hearing: it never lets a sound in your headset go above a ceiling, turns down sound that stays too loud, and pulls down sudden bangs and feedback howl at once. To do that it must know how loud your headset really is. Until you calibrate it, the console assumes a loud headset, so protection acts early rather than late. Without a meter, run the headset check: set a voice to a comfortable level. If you have a sound level meter, play the test tone, measure it at the ear cup, and enter the reading.</source>
        <translation>La consola protege su audición: nunca deja que un sonido supere un techo en sus auriculares, baja el sonido que se mantiene demasiado fuerte y atenúa al instante los golpes repentinos y los acoples. Para ello necesita saber lo fuertes que son realmente sus auriculares. Mientras no los calibre, la consola supone unos auriculares potentes, para que la protección actúe antes y no tarde. Sin sonómetro, haga la prueba de auriculares: ponga una voz a un nivel cómodo. Si tiene un sonómetro, reproduzca el tono de prueba, mídalo en la copa del auricular e introduzca la lectura.</translation>
    </message>
    <message>
        <source>Headset loudness at full scale</source>
        <translation>Intensidad de los auriculares a fondo de escala</translation>
    </message>
    <message>
        <source>The sound level, in dB SPL, of the loudest tone the headset can play.</source>
        <translation>El nivel sonoro, en dB SPL, del tono más fuerte que pueden dar los auriculares.</translation>
    </message>
    <message>
        <source>Headset chec&amp;k…</source>
        <translation>Prueba de a&amp;uriculares…</translation>
    </message>
    <message>
        <source>Headset check: calibrate by choosing a comfortable level, without a meter</source>
        <translation>Prueba de auriculares: calibrar eligiendo un nivel cómodo, sin sonómetro</translation>
    </message>
    <message>
        <source>Safe de&amp;fault</source>
        <translation>Valor seguro por &amp;defecto</translation>
    </message>
    <message>
        <source>Use the safe default calibration</source>
        <translation>Usar la calibración segura por defecto</translation>
    </message>
    <message>
        <source>Measured level of the test tone</source>
        <translation>Nivel medido del tono de prueba</translation>
    </message>
    <message>
        <source>&amp;Use this reading</source>
        <translation>Usar esta &amp;lectura</translation>
    </message>
    <message>
        <source>Calibrate from the measured level</source>
        <translation>Calibrar a partir del nivel medido</translation>
    </message>
    <message>
        <source>Play the calibration t&amp;one</source>
        <translation>Reproducir el t&amp;ono de calibración</translation>
    </message>
    <message>
        <source>Play the calibration tone</source>
        <translation>Reproducir el tono de calibración</translation>
    </message>
    <message>
        <source>Instant ceiling</source>
        <translation>Techo instantáneo</translation>
    </message>
    <message>
        <source>Sustained limit</source>
        <translation>Límite sostenido</translation>
    </message>
    <message>
        <source>Exposure warning</source>
        <translation>Aviso de exposición</translation>
    </message>
    <message>
        <source>Hearing protection status</source>
        <translation>Estado de la protección auditiva</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>Cali&amp;bración:</translation>
    </message>
    <message>
        <source>&amp;Meter reading:</source>
        <translation>Lectura del &amp;sonómetro:</translation>
    </message>
    <message>
        <source>Limits (may be lowered, not raised)</source>
        <translation>Límites (pueden bajarse, no subirse)</translation>
    </message>
    <message>
        <source>Ce&amp;iling:</source>
        <translation>Tec&amp;ho:</translation>
    </message>
    <message>
        <source>Sustaine&amp;d limit:</source>
        <translation>Lí&amp;mite sostenido:</translation>
    </message>
    <message>
        <source>E&amp;xposure warning:</source>
        <translation>Aviso de e&amp;xposición:</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>Cla&amp;ro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Hi&amp;gh contrast (strongest contrast, largest focus frame)</source>
        <translation>Alto co&amp;ntraste (el mayor contraste, el marco de foco más ancho)</translation>
    </message>
    <message>
        <source>&amp;Reduced motion: highlight requests, never flash</source>
        <translation>Movimiento &amp;reducido: resaltar las solicitudes, sin parpadear</translation>
    </message>
    <message>
        <source>Chime in the headset at a hando&amp;ver request or a coordinator&apos;s message</source>
        <translation>Campanilla en los auriculares ante una solicitud de rele&amp;vo o un mensaje de un coordinador</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>El idioma del ordenador</translation>
    </message>
    <message>
        <source>A new language shows when the console starts again.</source>
        <translation>Un idioma nuevo se muestra cuando la consola se vuelve a iniciar.</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full scale. Press Apply.</source>
        <translation>Calibrado con el tono de {0:.0f} dBFS: los auriculares dan {1:.1f} dB SPL a fondo de escala. Pulse Aplicar.</translation>
    </message>
    <message>
        <source>Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact.</source>
        <translation>Sus auriculares están calibrados con la prueba de auriculares ({0:.0f} dB SPL a fondo de escala, suponiendo que el nivel que eligió es de {1:.0f} dB SPL). Una lectura de sonómetro es más exacta.</translation>
    </message>
    <message>
        <source>Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale).</source>
        <translation>Sus auriculares están calibrados a partir de una medición ({0:.0f} dB SPL a fondo de escala).</translation>
    </message>
    <message>
        <source>Not calibrated: the safe default of {0:.0f} dB SPL is assumed.</source>
        <translation>Sin calibrar: se supone el valor seguro por defecto de {0:.0f} dB SPL.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0} (no conectado)</translation>
    </message>
    <message>
        <source>Close the meeting&apos;s audio first: devices cannot be searched while in use.</source>
        <translation>Cierre primero el audio de la reunión: no se pueden buscar dispositivos mientras están en uso.</translation>
    </message>
    <message>
        <source>The device lists are up to date.</source>
        <translation>Las listas de dispositivos están al día.</translation>
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
        <translation>Acciones y sus teclas</translation>
    </message>
    <message>
        <source>Choose an action with the arrow keys, then record a new key below.</source>
        <translation>Elija una acción con las flechas y grabe debajo una nueva tecla.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>New key for the chosen action</source>
        <translation>Nueva tecla para la acción elegida</translation>
    </message>
    <message>
        <source>Press the key combination; it is assigned when you stop typing.</source>
        <translation>Pulse la combinación de teclas; se asigna cuando deja de teclear.</translation>
    </message>
    <message>
        <source>&amp;New key:</source>
        <translation>&amp;Nueva tecla:</translation>
    </message>
    <message>
        <source>N&amp;o key</source>
        <translation>S&amp;in tecla</translation>
    </message>
    <message>
        <source>Remove the key of the chosen action</source>
        <translation>Quitar la tecla de la acción elegida</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>Tecla por &amp;defecto</translation>
    </message>
    <message>
        <source>Give the chosen action its default key</source>
        <translation>Devolver a la acción elegida su tecla por defecto</translation>
    </message>
    <message>
        <source>All de&amp;faults</source>
        <translation>Todas por de&amp;fecto</translation>
    </message>
    <message>
        <source>Give every action its default key</source>
        <translation>Devolver a cada acción su tecla por defecto</translation>
    </message>
    <message>
        <source>Shortcut conflicts</source>
        <translation>Conflictos de atajos</translation>
    </message>
    <message>
        <source>{0} (conflict)</source>
        <translation>{0} (conflicto)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Meeting and booth</source>
        <translation>Reunión y cabina</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation>Calidad del enlace</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Reloj</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>{0} — {1} booth — {2}</source>
        <translation>{0} — cabina {1} — {2}</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>Conectado a {0}</translation>
    </message>
    <message>
        <source>link: —</source>
        <translation>enlace: —</translation>
    </message>
    <message>
        <source>RTT — · jitter — · loss — (unknown while the hub is silent)</source>
        <translation>RTT — · jitter — · pérdida — (desconocidos mientras el hub esté en silencio)</translation>
    </message>
    <message>
        <source>RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %</source>
        <translation>RTT {0} ms · jitter {1:.0f} ms · pérdida {2:.1f} %</translation>
    </message>
    <message>
        <source>Sound received: {0} concealed, {1} dropped, {2} gaps (audible); {3} stretched, {4} shrunk (inaudible).</source>
        <translation>Sonido recibido: {0} ocultados, {1} descartados, {2} cortes (audibles); {3} alargados, {4} acortados (inaudibles).</translation>
    </message>
    <message>
        <source>The system refused real-time priority to the sound: it may break up while this computer is busy.</source>
        <translation>El sistema negó la prioridad de tiempo real al sonido: puede entrecortarse mientras este ordenador esté ocupado.</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>connecting to {0}…</source>
        <translation>conectando con {0}…</translation>
    </message>
    <message>
        <source>no sound from the hub for {0:.1f} s: you may not be heard</source>
        <translation>sin sonido del hub desde hace {0:.1f} s: puede que no se le oiga</translation>
    </message>
    <message>
        <source>connected · sound from the hub is back after {0:.1f} s</source>
        <translation>conectado · el sonido del hub volvió tras {0:.1f} s</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>reconnecting… attempt {0} ({1})</source>
        <translation>reconectando… intento {0} ({1})</translation>
    </message>
    <message>
        <source>connection lost: {0}</source>
        <translation>conexión perdida: {0}</translation>
    </message>
    <message>
        <source>not connected: {0}</source>
        <translation>sin conexión: {0}</translation>
    </message>
</context>
<context>
    <name>Volume</name>
    <message>
        <source>off</source>
        <translation>apagado</translation>
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
        <translation>(elegir)</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>Sin respuesta todavía</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The link is empty: paste the meeting link from your invitation.</source>
        <translation>El enlace está vacío: pegue el enlace de la reunión de su invitación.</translation>
    </message>
    <message>
        <source>A meeting link has no spaces in it: copy the whole link again, in one piece.</source>
        <translation>Un enlace de reunión no tiene espacios: vuelva a copiar el enlace entero, de una vez.</translation>
    </message>
    <message>
        <source>This is a token, not a link: paste it into the Token field and type the hub address.</source>
        <translation>Esto es un token, no un enlace: péguelo en el campo Token y escriba la dirección del hub.</translation>
    </message>
    <message>
        <source>“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. Copy the link from your invitation again.</source>
        <translation>«{text}» no es un enlace de reunión: un enlace empieza por wss://, rsi:// o https://. Vuelva a copiar el enlace de su invitación.</translation>
    </message>
    <message>
        <source>The link names no computer to connect to: copy the whole link again.</source>
        <translation>El enlace no indica ningún ordenador al que conectarse: vuelva a copiar el enlace entero.</translation>
    </message>
    <message>
        <source>The port in the link is not a number from 1 to 65535: copy the link again.</source>
        <translation>El puerto del enlace no es un número de 1 a 65535: vuelva a copiar el enlace.</translation>
    </message>
    <message>
        <source>This web address is not a meeting link: it has no hub=… part. Open it in a browser, or ask the organiser for the console link.</source>
        <translation>Esta dirección web no es un enlace de reunión: no tiene la parte hub=…. Ábrala en un navegador o pida a la organización el enlace para la consola.</translation>
    </message>
    <message>
        <source>The hub address in the link must start with wss:// (or ws:// on this computer): ask the organiser for a new link.</source>
        <translation>La dirección del hub en el enlace debe empezar por wss:// (o ws:// en este ordenador): pida un enlace nuevo a la organización.</translation>
    </message>
    <message>
        <source>The token is damaged: a token is three parts of letters and digits separated by dots. Copy it again from your invitation.</source>
        <translation>El token está dañado: un token son tres partes de letras y cifras separadas por puntos. Vuelva a copiarlo de su invitación.</translation>
    </message>
    <message>
        <source>The address “{address}” cannot be used.</source>
        <translation>No se puede usar la dirección «{address}».</translation>
    </message>
    <message>
        <source>{host} is another computer, and ws:// would send your token to it unencrypted. Use the wss:// address from your invitation (ws:// is only for a hub on this computer).</source>
        <translation>{host} es otro ordenador, y ws:// le enviaría su token sin cifrar. Use la dirección wss:// de su invitación (ws:// es solo para un hub en este ordenador).</translation>
    </message>
</context>
</TS>
