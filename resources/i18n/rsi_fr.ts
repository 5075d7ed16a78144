<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Actions</name>
    <message>
        <source>Listen to the floor</source>
        <translation>Écouter la salle</translation>
    </message>
    <message>
        <source>Listen to the next channel</source>
        <translation>Écouter le canal suivant</translation>
    </message>
    <message>
        <source>Listen to the previous channel</source>
        <translation>Écouter le canal précédent</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>Arrêter l&apos;écoute</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <source>Force off whoever speaks on the channel you hear</source>
        <translation>Couper d&apos;autorité qui parle sur le canal que vous écoutez</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Couper d&apos;autorité</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Langue de la salle</translation>
    </message>
    <message>
        <source>Set the floor language</source>
        <translation>Régler la langue de la salle</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Écrire un message</translation>
    </message>
    <message>
        <source>Acknowledge all alarms</source>
        <translation>Acquitter toutes les alarmes</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Microphone on / off</source>
        <translation>Micro ouvert / fermé</translation>
    </message>
    <message>
        <source>Cough (hold)</source>
        <translation>Toux (maintenir)</translation>
    </message>
    <message>
        <source>Next output channel</source>
        <translation>Canal de sortie suivant</translation>
    </message>
    <message>
        <source>Output A</source>
        <translation>Sortie A</translation>
    </message>
    <message>
        <source>Output B</source>
        <translation>Sortie B</translation>
    </message>
    <message>
        <source>Output C</source>
        <translation>Sortie C</translation>
    </message>
    <message>
        <source>Listen to the relay</source>
        <translation>Écouter le relais</translation>
    </message>
    <message>
        <source>Pre-select the next relay</source>
        <translation>Présélectionner le relais suivant</translation>
    </message>
    <message>
        <source>Pre-select the previous relay</source>
        <translation>Présélectionner le relais précédent</translation>
    </message>
    <message>
        <source>Pre-select a relay</source>
        <translation>Présélectionner un relais</translation>
    </message>
    <message>
        <source>Auto-relay on/off</source>
        <translation>Relais automatique oui/non</translation>
    </message>
    <message>
        <source>Offer the handover</source>
        <translation>Proposer la passation</translation>
    </message>
    <message>
        <source>Request the handover</source>
        <translation>Demander la passation</translation>
    </message>
    <message>
        <source>Accept the handover</source>
        <translation>Accepter la passation</translation>
    </message>
    <message>
        <source>Cancel the handover</source>
        <translation>Annuler la passation</translation>
    </message>
    <message>
        <source>Ask the speaker to slow down</source>
        <translation>Demander à l&apos;orateur de ralentir</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>Volume plus</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>Volume moins</translation>
    </message>
    <message>
        <source>Set the volume</source>
        <translation>Régler le volume</translation>
    </message>
    <message>
        <source>Relay volume up (floor and relay in an ear each)</source>
        <translation>Volume du relais plus (salle et relais dans une oreille chacun)</translation>
    </message>
    <message>
        <source>Relay volume down (floor and relay in an ear each)</source>
        <translation>Volume du relais moins (salle et relais dans une oreille chacun)</translation>
    </message>
    <message>
        <source>Set the relay volume</source>
        <translation>Régler le volume du relais</translation>
    </message>
    <message>
        <source>Bass up</source>
        <translation>Graves plus</translation>
    </message>
    <message>
        <source>Bass down</source>
        <translation>Graves moins</translation>
    </message>
    <message>
        <source>Set the bass</source>
        <translation>Régler les graves</translation>
    </message>
    <message>
        <source>Treble up</source>
        <translation>Aigus plus</translation>
    </message>
    <message>
        <source>Treble down</source>
        <translation>Aigus moins</translation>
    </message>
    <message>
        <source>Set the treble</source>
        <translation>Régler les aigus</translation>
    </message>
    <message>
        <source>Ear of what you hear: both, left, right</source>
        <translation>Oreille de ce que vous entendez&#xa0;: les deux, gauche, droite</translation>
    </message>
    <message>
        <source>Set the floor ear</source>
        <translation>Régler l&apos;oreille de la salle</translation>
    </message>
    <message>
        <source>Set the relay ear</source>
        <translation>Régler l&apos;oreille du relais</translation>
    </message>
    <message>
        <source>Even level of the floor on/off</source>
        <translation>Niveau égalisé de la salle (activer/désactiver)</translation>
    </message>
    <message>
        <source>Even level of the relay on/off</source>
        <translation>Niveau égalisé du relais (activer/désactiver)</translation>
    </message>
    <message>
        <source>Even level of the booth partner on/off</source>
        <translation>Niveau égalisé du collègue de cabine (activer/désactiver)</translation>
    </message>
    <message>
        <source>Hear the booth partner on/off</source>
        <translation>Entendre le collègue de cabine oui/non</translation>
    </message>
    <message>
        <source>Partner volume up</source>
        <translation>Volume du collègue plus</translation>
    </message>
    <message>
        <source>Partner volume down</source>
        <translation>Volume du collègue moins</translation>
    </message>
    <message>
        <source>Set the partner volume</source>
        <translation>Régler le volume du collègue</translation>
    </message>
    <message>
        <source>Partner ear: both, left, right</source>
        <translation>Oreille du collègue&#xa0;: les deux, gauche, droite</translation>
    </message>
    <message>
        <source>Set the partner ear</source>
        <translation>Régler l&apos;oreille du collègue</translation>
    </message>
    <message>
        <source>Mark messages as read</source>
        <translation>Marquer les messages comme lus</translation>
    </message>
    <message>
        <source>Connect to a meeting</source>
        <translation>Se connecter à une réunion</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Headset check</source>
        <translation>Vérification du casque</translation>
    </message>
    <message>
        <source>Sound check: headset, microphone, level</source>
        <translation>Contrôle du son&#xa0;: casque, micro, niveau</translation>
    </message>
    <message>
        <source>Next theme: light, dark, high contrast</source>
        <translation>Thème suivant&#xa0;: clair, sombre, contraste élevé</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>À propos de la console RSI</translation>
    </message>
    <message>
        <source>Next language</source>
        <translation>Langue suivante</translation>
    </message>
    <message>
        <source>Previous language</source>
        <translation>Langue précédente</translation>
    </message>
    <message>
        <source>Report: no sound</source>
        <translation>Signaler&#xa0;: pas de son</translation>
    </message>
    <message>
        <source>Report: poor sound</source>
        <translation>Signaler&#xa0;: son de mauvaise qualité</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Choisir une langue</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>Envoyer un message</translation>
    </message>
</context>
<context>
    <name>AirButton</name>
    <message>
        <source>ON AIR</source>
        <translation>MICRO OUVERT</translation>
    </message>
    <message>
        <source>speaking on {0}</source>
        <translation>au micro sur {0}</translation>
    </message>
    <message>
        <source>MUTED</source>
        <translation>COUPÉ</translation>
    </message>
    <message>
        <source>cough: {0} hears nothing</source>
        <translation>toux&#xa0;: {0} n&apos;entend rien</translation>
    </message>
    <message>
        <source>NOT HEARD?</source>
        <translation>NON ENTENDU&#xa0;?</translation>
    </message>
    <message>
        <source>no sound from the hub: {0} may hear nothing of you</source>
        <translation>aucun son du hub&#xa0;: {0} ne vous entend peut-être pas</translation>
    </message>
    <message>
        <source>TAKING THE AIR…</source>
        <translation>OUVERTURE DU MICRO…</translation>
    </message>
    <message>
        <source>waiting for the hub: {0}</source>
        <translation>en attente du hub&#xa0;: {0}</translation>
    </message>
    <message>
        <source>OFF AIR</source>
        <translation>MICRO FERMÉ</translation>
    </message>
    <message>
        <source>microphone off</source>
        <translation>micro fermé</translation>
    </message>
    <message>
        <source>Microphone: {0}</source>
        <translation>Micro&#xa0;: {0}</translation>
    </message>
    <message>
        <source>{0}. Press to switch the microphone on or off ({1}).</source>
        <translation>{0}. Appuyez pour ouvrir ou fermer le micro ({1}).</translation>
    </message>
</context>
<context>
    <name>AirPanel</name>
    <message>
        <source>Cough (hold to mute)</source>
        <translation>Toux (maintenir pour couper)</translation>
    </message>
    <message>
        <source>Cough — hold</source>
        <translation>Toux — maintenir</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Sortie&#xa0;:</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Floor level</source>
        <translation>Niveau de la salle</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>Relay level</source>
        <translation>Niveau du relais</translation>
    </message>
    <message>
        <source>My mic</source>
        <translation>Mon micro</translation>
    </message>
    <message>
        <source>My microphone level</source>
        <translation>Niveau de mon micro</translation>
    </message>
    <message>
        <source>Out L</source>
        <translation>Sortie G</translation>
    </message>
    <message>
        <source>Output level, left ear</source>
        <translation>Niveau de sortie, oreille gauche</translation>
    </message>
    <message>
        <source>Out R</source>
        <translation>Sortie D</translation>
    </message>
    <message>
        <source>Output level, right ear</source>
        <translation>Niveau de sortie, oreille droite</translation>
    </message>
    <message>
        <source>Hearing protection</source>
        <translation>Protection de l&apos;ouïe</translation>
    </message>
    <message>
        <source>engaged: {0}</source>
        <translation>occupé&#xa0;: {0}</translation>
    </message>
    <message>
        <source>our booth on air</source>
        <translation>notre cabine à l&apos;antenne</translation>
    </message>
    <message>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (pas à jour&#xa0;: le hub ne s&apos;entend plus)</translation>
    </message>
    <message>
        <source>Output {0}, channel {1}</source>
        <translation>Sortie {0}, canal {1}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>Alarmes actives</translation>
    </message>
    <message>
        <source>&amp;Sound for new alarms</source>
        <translation>&amp;Son pour les nouvelles alarmes</translation>
    </message>
    <message>
        <source>Sound for new alarms</source>
        <translation>Son pour les nouvelles alarmes</translation>
    </message>
    <message>
        <source>Alarm: {0}</source>
        <translation>Alarme : {0}</translation>
    </message>
    <message>
        <source>{0} ({1} times)</source>
        <translation>{0} ({1} fois)</translation>
    </message>
    <message>
        <source>Alarms ({0} new)</source>
        <translation>Alarmes ({0} nouvelles)</translation>
    </message>
</context>
<context>
    <name>Alarms</name>
    <message>
        <source>{who} asks the speaker to slow down</source>
        <translation>{who} demande à l&apos;orateur de ralentir</translation>
    </message>
    <message>
        <source>{who} reports poor sound</source>
        <translation>{who} signale un son de mauvaise qualité</translation>
    </message>
    <message>
        <source>{who} needs help</source>
        <translation>{who} a besoin d&apos;aide</translation>
    </message>
    <message>
        <source>{who} has no sound</source>
        <translation>{who} n&apos;a pas de son</translation>
    </message>
    <message>
        <source>{channel}: {name} is on air, but nothing has been heard for {seconds} s while the floor speaks</source>
        <translation>{channel}&#xa0;: {name} est à l&apos;antenne, mais on n&apos;entend rien depuis {seconds} s alors que la salle parle</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s</source>
        <translation>La salle est silencieuse depuis {seconds} s</translation>
    </message>
    <message>
        <source>The floor has been silent for {seconds} s: no floor source is on air</source>
        <translation>La salle est silencieuse depuis {seconds} s&#xa0;: aucune source de la salle n&apos;est à l&apos;antenne</translation>
    </message>
    <message>
        <source>{name} ({booth}) lost the connection while on air on {channel}</source>
        <translation>{name} ({booth}) a perdu la connexion alors qu&apos;il était à l&apos;antenne sur {channel}</translation>
    </message>
    <message>
        <source>The {platform} gateway is disconnected: the floor from {platform} is silent</source>
        <translation>La passerelle {platform} est déconnectée&#xa0;: la salle venant de {platform} est muette</translation>
    </message>
    <message>
        <source>{name} ({booth}) has been on air for over {minutes} minutes: time to hand over</source>
        <translation>{name} ({booth}) est à l&apos;antenne depuis plus de {minutes} minutes&#xa0;: il est temps de passer le relais</translation>
    </message>
    <message>
        <source>The hub restarted and the floor language went back to the meeting&apos;s default, {language}: set it again if needed</source>
        <translation>Le hub a redémarré et la langue de la salle est revenue à celle prévue pour la réunion, {language}&#xa0;: modifiez-la à nouveau si nécessaire</translation>
    </message>
</context>
<context>
    <name>BoothTable</name>
    <message>
        <source>Booths</source>
        <translation>Cabines</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabine</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>À l&apos;antenne</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Passation</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source> (offline)</source>
        <translation> (hors ligne)</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} sur {1}</translation>
    </message>
    <message>
        <source>{0} offers to {1}</source>
        <translation>{0} propose à {1}</translation>
    </message>
    <message>
        <source>{0} asks {1}</source>
        <translation>{0} demande à {1}</translation>
    </message>
</context>
<context>
    <name>ChannelGrid</name>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
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
        <translation>Niveau du canal {0}</translation>
    </message>
    <message>
        <source>On air on {0}</source>
        <translation>À l&apos;antenne sur {0}</translation>
    </message>
    <message>
        <source>Source of {0}</source>
        <translation>Source de {0}</translation>
    </message>
    <message>
        <source>Listeners of {0}</source>
        <translation>Auditeurs de {0}</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <source>Listen to {0}</source>
        <translation>Écouter {0}</translation>
    </message>
    <message>
        <source>Force off</source>
        <translation>Couper d&apos;autorité</translation>
    </message>
    <message>
        <source>Force off the speaker of {0}</source>
        <translation>Couper d&apos;autorité l&apos;interprète de {0}</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0} (cough)</source>
        <translation>{0} (toux)</translation>
    </message>
    <message>
        <source>floor: no interpreter</source>
        <translation>salle&#xa0;: aucun interprète</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>personne à l&apos;antenne</translation>
    </message>
    <message>
        <source>the floor, as it is</source>
        <translation>la salle, telle quelle</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} à l&apos;écoute</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>À l&apos;écoute</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <source>the floor</source>
        <translation>la salle</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Floor ({0})</source>
        <translation>Salle ({0})</translation>
    </message>
    <message>
        <source>on air: {0}</source>
        <translation>à l&apos;antenne&#xa0;: {0}</translation>
    </message>
    <message>
        <source>nobody on air</source>
        <translation>personne à l&apos;antenne</translation>
    </message>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>personne à l&apos;antenne, transmet la salle</translation>
    </message>
    <message>
        <source>{0} (not listening)</source>
        <translation>{0} (non écouté)</translation>
    </message>
    <message>
        <source>live</source>
        <translation>son présent</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>muet</translation>
    </message>
    <message>
        <source>{0} listening</source>
        <translation>{0} à l&apos;écoute</translation>
    </message>
    <message>
        <source>your output</source>
        <translation>votre sortie</translation>
    </message>
    <message>
        <source>Your output, {0}: {1} listening</source>
        <translation>Votre sortie, {0}&#xa0;: {1} à l&apos;écoute</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Write to the booths…</source>
        <translation>Écrire aux cabines…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Booth {0}</source>
        <translation>Cabine {0}</translation>
    </message>
    <message>
        <source>{0} {1} → {2}: {3}</source>
        <translation>{0} {1} → {2}&#xa0;: {3}</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>Your token has expired. Ask the organiser of the meeting for a new one.</source>
        <translation>Votre jeton a expiré. Demandez-en un nouveau à l&apos;organisateur de la réunion.</translation>
    </message>
    <message>
        <source>The hub refused your token. Check that you copied all of it, or ask the organiser for a new one.</source>
        <translation>Le hub a refusé votre jeton. Vérifiez que vous l&apos;avez copié en entier, ou demandez-en un nouveau à l&apos;organisateur.</translation>
    </message>
    <message>
        <source>This hub runs another meeting than the one your token is for ({0}). Check that the address and the token come from the same invitation.</source>
        <translation>Ce hub héberge une autre réunion que celle de votre jeton ({0}). Vérifiez que l&apos;adresse et le jeton proviennent de la même invitation.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Check the address and your network connection; if both are right, the hub may not be running yet: ask the organiser.</source>
        <translation>Le hub est injoignable. Vérifiez l&apos;adresse et votre connexion réseau&#xa0;; si les deux sont bonnes, le hub n&apos;est peut-être pas encore lancé&#xa0;: demandez à l&apos;organisateur.</translation>
    </message>
    <message>
        <source>There is no meeting hub at this address. Check the address: it usually starts with wss:// and ends with /v1.</source>
        <translation>Il n&apos;y a pas de hub de réunion à cette adresse. Vérifiez l&apos;adresse&#xa0;: elle commence généralement par wss:// et se termine par /v1.</translation>
    </message>
    <message>
        <source>The meeting has no booth for your token. Ask the organiser for a token for one of its booths.</source>
        <translation>La réunion n&apos;a pas de cabine pour votre jeton. Demandez à l&apos;organisateur un jeton pour l&apos;une de ses cabines.</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>This address is not encrypted (ws://) and leads to another computer: your token would cross the network in clear. Use the hub&apos;s wss:// address.</source>
        <translation>Cette adresse n&apos;est pas chiffrée (ws://) et mène à un autre ordinateur&#xa0;: votre jeton traverserait le réseau en clair. Utilisez l&apos;adresse wss:// du hub.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate could not be verified, so nothing was sent. If the meeting uses its own certificate authority, ask the organiser for its CA file and give it as the CA certificate file.</source>
        <translation>Le certificat du hub n&apos;a pas pu être vérifié&#xa0;: rien n&apos;a été envoyé. Si la réunion utilise sa propre autorité de certification, demandez son fichier d&apos;AC à l&apos;organisateur et indiquez-le comme fichier du certificat d&apos;AC.</translation>
    </message>
    <message>
        <source>The hub closed the connection before letting you in. Try again; if it happens again, tell the technician.</source>
        <translation>Le hub a fermé la connexion avant de vous laisser entrer. Réessayez&#xa0;; si cela se reproduit, prévenez le technicien.</translation>
    </message>
    <message>
        <source>You left the meeting.</source>
        <translation>Vous avez quitté la réunion.</translation>
    </message>
    <message>
        <source>You joined this meeting from another window or computer, so this one was disconnected.</source>
        <translation>Vous avez rejoint cette réunion depuis une autre fenêtre ou un autre ordinateur&#xa0;: celle-ci a donc été déconnectée.</translation>
    </message>
    <message>
        <source>The hub disconnected this console because it sent too many requests. Tell the technician.</source>
        <translation>Le hub a déconnecté cette console parce qu&apos;elle envoyait trop de requêtes. Prévenez le technicien.</translation>
    </message>
    <message>
        <source>The hub is shutting down. Reconnecting when it is back…</source>
        <translation>Le hub s&apos;arrête. Reconnexion dès son retour…</translation>
    </message>
    <message>
        <source>The connection to the hub was lost. Reconnecting…</source>
        <translation>La connexion au hub a été perdue. Reconnexion…</translation>
    </message>
    <message>
        <source>The hub ended the connection.</source>
        <translation>Le hub a mis fin à la connexion.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a meeting</source>
        <translation>Se connecter à une réunion</translation>
    </message>
    <message>
        <source>Meeting link</source>
        <translation>Lien de la réunion</translation>
    </message>
    <message>
        <source>Paste the link from your invitation: it fills in the address and token.</source>
        <translation>Collez le lien de votre invitation&#xa0;: il remplit l&apos;adresse et le jeton.</translation>
    </message>
    <message>
        <source>rsi://… or wss://…#token=… or https://…?hub=…</source>
        <translation>rsi://… ou wss://…#token=… ou https://…?hub=…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Adresse du hub</translation>
    </message>
    <message>
        <source>For example wss://hub.example.org/v1. Several addresses of one meeting, separated by commas, are tried in turn.</source>
        <translation>Par exemple wss://hub.example.org/v1. Plusieurs adresses d&apos;une même réunion, séparées par des virgules, sont essayées tour à tour.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>The token from your invitation</source>
        <translation>Le jeton de votre invitation</translation>
    </message>
    <message>
        <source>S&amp;how the token</source>
        <translation>Mon&amp;trer le jeton</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Montrer le jeton</translation>
    </message>
    <message>
        <source>&amp;Keep the token on this computer (not encrypted)</source>
        <translation>&amp;Garder le jeton sur cet ordinateur (non chiffré)</translation>
    </message>
    <message>
        <source>Keep the token on this computer</source>
        <translation>Garder le jeton sur cet ordinateur</translation>
    </message>
    <message>
        <source>Anyone who can read your settings file can then join as you until it expires.</source>
        <translation>Quiconque peut lire votre fichier de paramètres pourra alors se connecter sous votre nom jusqu&apos;à son expiration.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Fichier du certificat d&apos;AC</translation>
    </message>
    <message>
        <source>Only if the meeting has its own certificate authority: the PEM file from the organiser. Leave empty for a hub with a public certificate.</source>
        <translation>Seulement si la réunion a sa propre autorité de certification&#xa0;: le fichier PEM fourni par l&apos;organisateur. Laissez vide pour un hub doté d&apos;un certificat public.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Choisir le fichier du certificat d&apos;AC</translation>
    </message>
    <message>
        <source>Allow &amp;unencrypted connection to another computer</source>
        <translation>Autoriser une connexion &amp;non chiffrée vers un autre ordinateur</translation>
    </message>
    <message>
        <source>Allow unencrypted connection to another computer</source>
        <translation>Autoriser une connexion non chiffrée vers un autre ordinateur</translation>
    </message>
    <message>
        <source>Warning: with ws:// your token and your voice cross the network in clear; anyone on the way can listen and join as you. Only on a network you trust.</source>
        <translation>Attention&#xa0;: avec ws://, votre jeton et votre voix traversent le réseau en clair&#xa0;; n&apos;importe qui sur le trajet peut écouter et se connecter sous votre nom. Uniquement sur un réseau de confiance.</translation>
    </message>
    <message>
        <source>Remembered meetings</source>
        <translation>Réunions mémorisées</translation>
    </message>
    <message>
        <source>Choose one to fill in its address; Enter connects.</source>
        <translation>Choisissez-en une pour remplir son adresse&#xa0;; Entrée se connecte.</translation>
    </message>
    <message>
        <source>&amp;Forget this meeting</source>
        <translation>&amp;Oublier cette réunion</translation>
    </message>
    <message>
        <source>Forget the selected meeting</source>
        <translation>Oublier la réunion choisie</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>&amp;Lien de la réunion&#xa0;:</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>Adresse du &amp;hub&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton&#xa0;:</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate file:</source>
        <translation>Fichier du certificat d&apos;&amp;AC&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Remembered meetings:</source>
        <translation>Réunions &amp;mémorisées&#xa0;:</translation>
    </message>
    <message>
        <source>On a network you trust, you may tick “Allow unencrypted connection to another computer” instead.</source>
        <translation>Sur un réseau de confiance, vous pouvez plutôt cocher «&#xa0;Autoriser une connexion non chiffrée vers un autre ordinateur&#xa0;».</translation>
    </message>
    <message>
        <source>The CA certificate file {0} does not exist. Choose the file the organiser gave you, or leave the field empty.</source>
        <translation>Le fichier de certificat d&apos;AC {0} n&apos;existe pas. Choisissez le fichier remis par l&apos;organisateur, ou laissez le champ vide.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Connexion à {0}…</translation>
    </message>
    <message>
        <source>The link is complete: press Connect.</source>
        <translation>Le lien est complet&#xa0;: appuyez sur Se connecter.</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificats (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose a meeting in the list first.</source>
        <translation>Choisissez d&apos;abord une réunion dans la liste.</translation>
    </message>
    <message>
        <source>{0} is forgotten.</source>
        <translation>{0} est oubliée.</translation>
    </message>
    <message>
        <source>{0} ({1}, last used {2})</source>
        <translation>{0} ({1}, utilisée le {2})</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>pictures of the console&apos;s window, {0} per second;</source>
        <translation>des images de la fenêtre de la console, {0} par seconde ;</translation>
    </message>
    <message>
        <source>no pictures of the window;</source>
        <translation>aucune image de la fenêtre ;</translation>
    </message>
    <message>
        <source>You are taking part in a usability study of this interpreting console. While the session runs, it records:</source>
        <translation>Vous participez à une étude d&apos;utilisabilité de cette console d&apos;interprétation. Pendant la séance, elle enregistre :</translation>
    </message>
    <message>
        <source>- what you hear in your headset and what you say into your microphone;</source>
        <translation>- ce que vous entendez dans votre casque et ce que vous dites dans votre microphone ;</translation>
    </message>
    <message>
        <source>- every key you press and every control you use in the console;</source>
        <translation>- chaque touche que vous pressez et chaque commande que vous utilisez dans la console ;</translation>
    </message>
    <message>
        <source>- your answers to a few questions at the end.</source>
        <translation>- vos réponses à quelques questions à la fin.</translation>
    </message>
    <message>
        <source>Everything stays on this computer, in the folder {0}. Nothing is sent anywhere. The report names you by a pseudonym only.</source>
        <translation>Tout reste sur cet ordinateur, dans le dossier {0}. Rien n&apos;est envoyé nulle part. Le rapport ne vous désigne que par un pseudonyme.</translation>
    </message>
    <message>
        <source>You may stop at any time: close the window, and tell the researcher whether to delete what was recorded.</source>
        <translation>Vous pouvez arrêter à tout moment : fermez la fenêtre, et dites au chercheur s&apos;il faut effacer ce qui a été enregistré.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Before the study starts</source>
        <translation>Avant le début de l&apos;étude</translation>
    </message>
    <message>
        <source>Consent to the study</source>
        <translation>Consentement à l&apos;étude</translation>
    </message>
    <message>
        <source>What the study records</source>
        <translation>Ce que l&apos;étude enregistre</translation>
    </message>
    <message>
        <source>Recordings are kept in: {0}</source>
        <translation>Les enregistrements sont conservés dans : {0}</translation>
    </message>
    <message>
        <source>I &amp;do not agree: stop here</source>
        <translation>Je &amp;refuse : arrêter ici</translation>
    </message>
    <message>
        <source>Decline: nothing is recorded</source>
        <translation>Refuser : rien n&apos;est enregistré</translation>
    </message>
    <message>
        <source>I &amp;agree: start the session</source>
        <translation>J&apos;&amp;accepte : commencer la séance</translation>
    </message>
    <message>
        <source>Agree and start the session</source>
        <translation>Accepter et commencer la séance</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>RSI console</source>
        <translation>Console RSI</translation>
    </message>
    <message>
        <source>Interpreter console</source>
        <translation>Console d&apos;interprète</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>About the RSI console</source>
        <translation>À propos de la console RSI</translation>
    </message>
    <message>
        <source>RSI console: remote simultaneous interpretation, free software. Every action is in the menus with its key; Help ▸ Keyboard shortcuts changes the keys.</source>
        <translation>Console RSI&#xa0;: interprétation simultanée à distance, logiciel libre. Chaque action se trouve dans les menus avec sa touche&#xa0;; Aide ▸ Raccourcis clavier permet de changer les touches.</translation>
    </message>
</context>
<context>
    <name>Coordinator</name>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Passerelle</translation>
    </message>
    <message>
        <source>Gateway · {0}</source>
        <translation>Passerelle · {0}</translation>
    </message>
    <message>
        <source>loop: {0}</source>
        <translation>boucle&#xa0;: {0}</translation>
    </message>
    <message>
        <source>no source: {0}</source>
        <translation>sans source&#xa0;: {0}</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>salle</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>RSI console – coordinator</source>
        <translation>Console RSI – coordinateur</translation>
    </message>
    <message>
        <source>Coordinator console</source>
        <translation>Console du coordinateur</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>&amp;Floor language:</source>
        <translation>Langue de la &amp;salle&#xa0;:</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Langue de la salle</translation>
    </message>
    <message>
        <source>Who set the floor language</source>
        <translation>Qui a choisi la langue de la salle</translation>
    </message>
    <message>
        <source>Listening to</source>
        <translation>À l&apos;écoute de</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Auditeurs</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>{0} listeners</source>
        <translation>{0} auditeurs</translation>
    </message>
    <message>
        <source>Listening to {0}</source>
        <translation>À l&apos;écoute de {0}</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Aucune écoute</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion en cours</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>connexion perdue</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non choisie</translation>
    </message>
</context>
<context>
    <name>Ear</name>
    <message>
        <source>both ears</source>
        <translation>les deux oreilles</translation>
    </message>
    <message>
        <source>left ear</source>
        <translation>oreille gauche</translation>
    </message>
    <message>
        <source>right ear</source>
        <translation>oreille droite</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Sound check</source>
        <translation>Contrôle du son</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Skip the check</source>
        <translation>&amp;Ignorer le contrôle</translation>
    </message>
    <message>
        <source>1. Your headset and microphone</source>
        <translation>1. Votre casque et votre micro</translation>
    </message>
    <message>
        <source>Plug in your headset, then choose it and its microphone. A USB headset with a microphone close to your mouth sounds best; the computer&apos;s own loudspeakers and microphone are not fit for interpreting.</source>
        <translation>Branchez votre casque, puis choisissez-le ainsi que son micro. Un casque USB avec un micro proche de la bouche donne le meilleur son&#xa0;; les haut-parleurs et le micro de l&apos;ordinateur ne conviennent pas à l&apos;interprétation.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Casque</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>État des appareils</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>&amp;Casque&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Microphone&#xa0;:</translation>
    </message>
    <message>
        <source>2. Hear the reference voice</source>
        <translation>2. Écouter la voix de référence</translation>
    </message>
    <message>
        <source>The headset check plays a voice at the level of every meeting; you set it comfortable, and hearing protection learns how loud your headset plays.</source>
        <translation>La vérification du casque joue une voix au niveau de chaque réunion&#xa0;; vous la réglez à un niveau confortable, et la protection de l&apos;ouïe apprend à quel point votre casque est fort.</translation>
    </message>
    <message>
        <source>&amp;Open the headset check…</source>
        <translation>&amp;Ouvrir la vérification du casque…</translation>
    </message>
    <message>
        <source>Open the headset check</source>
        <translation>Ouvrir la vérification du casque</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>État de la vérification du casque</translation>
    </message>
    <message>
        <source>3. Speak and watch your microphone</source>
        <translation>3. Parler et surveiller votre micro</translation>
    </message>
    <message>
        <source>Speak as you do in the booth: the bar should move well into its upper half. If it stays still, go back and choose another microphone.</source>
        <translation>Parlez comme en cabine&#xa0;: la barre doit monter nettement dans sa moitié haute. Si elle ne bouge pas, revenez en arrière et choisissez un autre micro.</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>pas de signal</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du microphone</translation>
    </message>
    <message>
        <source>4. Ready</source>
        <translation>4. Prêt</translation>
    </message>
    <message>
        <source>Your sound is set. To join a meeting, press Connect in the window or choose {0}, and paste the hub address and the token the organiser sent you. To run this check again: {1}.</source>
        <translation>Votre son est réglé. Pour rejoindre une réunion, appuyez sur Se connecter dans la fenêtre ou choisissez {0}, puis collez l&apos;adresse du hub et le jeton envoyés par l&apos;organisateur. Pour refaire ce contrôle&#xa0;: {1}.</translation>
    </message>
    <message>
        <source>Done: your headset plays speech at a level you chose.</source>
        <translation>Terminé&#xa0;: votre casque restitue la parole au niveau que vous avez choisi.</translation>
    </message>
    <message>
        <source>Not done yet: hearing protection keeps its safe default until you do it.</source>
        <translation>Pas encore fait&#xa0;: la protection de l&apos;ouïe garde sa valeur sûre par défaut tant que vous ne l&apos;avez pas faite.</translation>
    </message>
</context>
<context>
    <name>FloorLanguage</name>
    <message>
        <source>(set by {0})</source>
        <translation>(choisie par {0})</translation>
    </message>
    <message>
        <source>(from the meeting&apos;s settings)</source>
        <translation>(selon les paramètres de la réunion)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non choisie</translation>
    </message>
    <message>
        <source>Floor language: {0} {1}</source>
        <translation>Langue de la salle&#xa0;: {0} {1}</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <source>Handover</source>
        <translation>Passation</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Collègue de cabine</translation>
    </message>
    <message>
        <source>Turn timer</source>
        <translation>Chronomètre du tour</translation>
    </message>
    <message>
        <source>Pending handover</source>
        <translation>Passation en attente</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Proposer</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demander</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Partner: nobody else in the booth</source>
        <translation>Collègue&#xa0;: personne d&apos;autre dans la cabine</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>déconnecté</translation>
    </message>
    <message>
        <source>live, coughing</source>
        <translation>à l&apos;antenne, toux</translation>
    </message>
    <message>
        <source>live</source>
        <translation>à l&apos;antenne</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>à l&apos;écoute</translation>
    </message>
    <message>
        <source>Partner: {0}</source>
        <translation>Collègue&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Turn {0}</source>
        <translation>Tour {0}</translation>
    </message>
    <message>
        <source>{0} (not current: the hub is not heard)</source>
        <translation>{0} (pas à jour&#xa0;: le hub ne s&apos;entend plus)</translation>
    </message>
    <message>
        <source>{0} offers you the air: accept to take over</source>
        <translation>{0} vous propose le micro&#xa0;: acceptez pour prendre le relais</translation>
    </message>
    <message>
        <source>{0} asks for the air: accept to hand over</source>
        <translation>{0} demande le micro&#xa0;: acceptez pour lui passer le relais</translation>
    </message>
    <message>
        <source>You offered the air to {0}: waiting</source>
        <translation>Vous avez proposé le micro à {0}&#xa0;: en attente</translation>
    </message>
    <message>
        <source>You asked {0} for the air: waiting</source>
        <translation>Vous avez demandé le micro à {0}&#xa0;: en attente</translation>
    </message>
    <message>
        <source>Press {0} to take the air</source>
        <translation>Appuyez sur {0} pour prendre l’antenne</translation>
    </message>
    <message>
        <source>Press Accept to take the air</source>
        <translation>Appuyez sur Accepter pour prendre l’antenne</translation>
    </message>
    <message>
        <source>Press {0} to hand over the air</source>
        <translation>Appuyez sur {0} pour céder l’antenne</translation>
    </message>
    <message>
        <source>Press Accept to hand over the air</source>
        <translation>Appuyez sur Accepter pour céder l’antenne</translation>
    </message>
</context>
<context>
    <name>HeadsetCheckDialog</name>
    <message>
        <source>Headset check</source>
        <translation>Vérification du casque</translation>
    </message>
    <message>
        <source>Put on your headset and press Play: you hear a voice at the level the console brings every meeting to ({0:.0f} LUFS). Turn it with the slider (or the arrow keys) until it is comfortable, as you would like to hear a speaker for an hour; if it is still too quiet at the top, turn up your headset or computer. Then press Done, and leave your computer&apos;s volume where it is.</source>
        <translation>Mettez votre casque et appuyez sur Lancer&#xa0;: vous entendez une voix au niveau auquel la console ramène chaque réunion ({0:.0f} LUFS). Réglez-la avec le curseur (ou les flèches) jusqu&apos;à ce qu&apos;elle soit confortable, comme vous aimeriez entendre un orateur pendant une heure&#xa0;; si elle reste trop faible tout en haut, montez le volume du casque ou de l&apos;ordinateur. Appuyez ensuite sur Terminé, et ne touchez plus au volume de l&apos;ordinateur.</translation>
    </message>
    <message>
        <source>The console assumes that a comfortable level for speech is about {0:.0f} dB SPL (most people choose 70 to 75) and sets hearing protection from the level you choose: the ceiling, the limit for sound that stays loud, and the warning after a loud minute. If you have a sound level meter, calibrate with it in Settings instead: it is more exact.</source>
        <translation>La console considère qu&apos;un niveau confortable pour la parole est d&apos;environ {0:.0f} dB SPL (la plupart des gens choisissent de 70 à 75) et règle la protection de l&apos;ouïe d&apos;après le niveau que vous choisissez&#xa0;: le plafond, la limite pour un son qui reste fort et l&apos;alerte après une minute forte. Si vous avez un sonomètre, étalonnez plutôt avec lui dans les Paramètres&#xa0;: c&apos;est plus exact.</translation>
    </message>
    <message>
        <source>Volume of the voice</source>
        <translation>Volume de la voix</translation>
    </message>
    <message>
        <source>Volume of the voice, in dB</source>
        <translation>Volume de la voix, en dB</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>V&amp;olume&#xa0;:</translation>
    </message>
    <message>
        <source>Headset check status</source>
        <translation>État de la vérification du casque</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
    <message>
        <source>Done: calibrate from this volume</source>
        <translation>Terminé&#xa0;: étalonner avec ce volume</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Sto&amp;p the voice</source>
        <translation>Arrêter la &amp;voix</translation>
    </message>
    <message>
        <source>&amp;Play the voice</source>
        <translation>&amp;Lancer la voix</translation>
    </message>
    <message>
        <source>The voice is stopped. Press Done to calibrate.</source>
        <translation>La voix est arrêtée. Appuyez sur Terminé pour étalonner.</translation>
    </message>
    <message>
        <source>The voice plays. Set it comfortable, then press Done.</source>
        <translation>La voix est lancée. Réglez un niveau confortable, puis appuyez sur Terminé.</translation>
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
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>Relay:</source>
        <translation>Relais&#xa0;:</translation>
    </message>
    <message>
        <source>Pre-selected relay channel</source>
        <translation>Canal de relais présélectionné</translation>
    </message>
    <message>
        <source>Relay quality</source>
        <translation>Qualité du relais</translation>
    </message>
    <message>
        <source>Auto-relay</source>
        <translation>Relais automatique</translation>
    </message>
    <message>
        <source>The input follows the best source as the floor language changes</source>
        <translation>L&apos;entrée suit la meilleure source quand la langue de la salle change</translation>
    </message>
    <message>
        <source>Floor language</source>
        <translation>Langue de la salle</translation>
    </message>
    <message>
        <source>Why this source</source>
        <translation>Pourquoi cette source</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Ce que vous entendez</translation>
    </message>
    <message>
        <source>Your audience</source>
        <translation>Votre auditoire</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Relay volume</source>
        <translation>Volume du relais</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>Graves</translation>
    </message>
    <message>
        <source>Treble</source>
        <translation>Aigus</translation>
    </message>
    <message>
        <source>Floor ear</source>
        <translation>Oreille de la salle</translation>
    </message>
    <message>
        <source>Relay ear</source>
        <translation>Oreille du relais</translation>
    </message>
    <message>
        <source>Booth partner</source>
        <translation>Collègue de cabine</translation>
    </message>
    <message>
        <source>Hear my booth&apos;s output</source>
        <translation>Entendre la sortie de ma cabine</translation>
    </message>
    <message>
        <source>Ear</source>
        <translation>Oreille</translation>
    </message>
    <message>
        <source>Even level of the floor</source>
        <translation>Niveau égalisé de la salle</translation>
    </message>
    <message>
        <source>Even level of the relay</source>
        <translation>Niveau égalisé du relais</translation>
    </message>
    <message>
        <source>Even level of the booth partner</source>
        <translation>Niveau égalisé du collègue de cabine</translation>
    </message>
    <message>
        <source>Even level</source>
        <translation>Niveau égalisé</translation>
    </message>
    <message>
        <source>Brings this input to the common loudness ({0:g} LUFS) with a slow gain of at most {1:g} dB; the meters show it as it arrives</source>
        <translation>Amène cette entrée à la sonie commune ({0:g} LUFS) par un gain lent d&apos;au plus {1:g} dB ; les vumètres la montrent telle qu&apos;elle arrive</translation>
    </message>
    <message>
        <source>Floor volume</source>
        <translation>Volume de la salle</translation>
    </message>
    <message>
        <source>Keys: {0} louder, {1} softer</source>
        <translation>Touches&#xa0;: {0} plus fort, {1} moins fort</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>You hear: nothing</source>
        <translation>Vous entendez&#xa0;: rien</translation>
    </message>
    <message>
        <source>You hear: the floor</source>
        <translation>Vous entendez&#xa0;: la salle</translation>
    </message>
    <message>
        <source>You hear: the floor in your {0}, relay from {1} in your {2}</source>
        <translation>Vous entendez&#xa0;: la salle dans votre {0}, le relais de {1} dans votre {2}</translation>
    </message>
    <message>
        <source>You hear: relay from {0} ({1})</source>
        <translation>Vous entendez&#xa0;: relais de {0} ({1})</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Arabic</source>
        <translation>arabe</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>chinois</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>néerlandais</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>German</source>
        <translation>allemand</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>grec</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>hébreu</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>hindi</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italien</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>japonais</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>coréen</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>persan</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polonais</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugais</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>russe</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>espagnol</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>suédois</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>turc</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>ukrainien</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>peak {0:.0f} dBFS, average {1:.0f} dBFS{2}</source>
        <translation>crête {0:.0f} dBFS, moyenne {1:.0f} dBFS{2}</translation>
    </message>
    <message>
        <source>, clipping</source>
        <translation>, saturation</translation>
    </message>
</context>
<context>
    <name>ListenerWindow</name>
    <message>
        <source>RSI console – listener</source>
        <translation>Console RSI – auditeur</translation>
    </message>
    <message>
        <source>Listener console</source>
        <translation>Console d&apos;auditeur</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Level of what you hear</source>
        <translation>Niveau de ce que vous entendez</translation>
    </message>
    <message>
        <source>What you hear</source>
        <translation>Ce que vous entendez</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>No interpreter is on air in this language: you hear the floor (the speaker&apos;s own language)</source>
        <translation>Aucun interprète n&apos;est à l&apos;antenne dans cette langue&#xa0;: vous entendez la salle (la langue de l&apos;orateur)</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Choisir une langue</translation>
    </message>
    <message>
        <source>You hear {0}</source>
        <translation>Vous entendez {0}</translation>
    </message>
    <message>
        <source>Floor (original)</source>
        <translation>Salle (original)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Meeting</source>
        <translation>&amp;Réunion</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>&amp;Audio</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Afficha&amp;ge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Barre de menus</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>Messages non lus</translation>
    </message>
    <message>
        <source>Message from a coordinator</source>
        <translation>Message d’un coordinateur</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabine</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Coordinateur</translation>
    </message>
    <message>
        <source>Send the message to</source>
        <translation>Envoyer le message à</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Message… [{0}]</source>
        <translation>Message… [{0}]</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Envoyer le message</translation>
    </message>
    <message>
        <source>Slow down, please</source>
        <translation>Plus lentement, s&apos;il vous plaît</translation>
    </message>
    <message>
        <source>Asks the speaker to slow down: the coordinators and the chair see that it comes from you</source>
        <translation>Demande à l&apos;orateur de ralentir&#xa0;: les coordinateurs et la présidence voient que cela vient de vous</translation>
    </message>
    <message>
        <source>Messages — {0} unread</source>
        <translation>Messages — {0} non lus</translation>
    </message>
    <message>
        <source>{0} unread: {1} to read and answer</source>
        <translation>{0} non lus&#xa0;: {1} pour lire et répondre</translation>
    </message>
    <message>
        <source>booth</source>
        <translation>cabine</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: press {1} to read and answer</source>
        <translation>Message de {0}, coordinateur : appuyez sur {1} pour le lire et répondre</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: read and answer below</source>
        <translation>Message de {0}, coordinateur : lisez et répondez ci-dessous</translation>
    </message>
    <message>
        <source>Message from {0}, coordinator: {1}</source>
        <translation>Message de {0}, coordinateur : {1}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Connection restored: listening to {0} again.</source>
        <translation>Connexion rétablie&#xa0;: de nouveau à l&apos;écoute de {0}.</translation>
    </message>
    <message>
        <source>You were on air on {0}: the microphone is off. Press it to speak again.</source>
        <translation>Vous étiez à l&apos;antenne sur {0}&#xa0;: le micro est fermé. Appuyez dessus pour reprendre la parole.</translation>
    </message>
    <message>
        <source>A coordinator switched your microphone off.</source>
        <translation>Un coordinateur a fermé votre micro.</translation>
    </message>
    <message>
        <source>You have no output channel: are you in a booth?</source>
        <translation>Vous n&apos;avez pas de canal de sortie&#xa0;: êtes-vous dans une cabine&#xa0;?</translation>
    </message>
    <message>
        <source>“Slow down” was sent: the coordinators and the chair see that it comes from you.</source>
        <translation>«&#xa0;Plus lentement&#xa0;» a été envoyé&#xa0;: les coordinateurs et la présidence voient que cela vient de vous.</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>Les paramètres ne sont pas disponibles dans cette fenêtre.</translation>
    </message>
</context>
<context>
    <name>NoticesArea</name>
    <message>
        <source>Notices</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>Aucun avis</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0} (et {1} de plus)</translation>
    </message>
    <message>
        <source>You are not in a meeting. To join one, press Connect or choose {0}.</source>
        <translation>Vous n&apos;êtes dans aucune réunion. Pour en rejoindre une, appuyez sur Se connecter ou choisissez {0}.</translation>
    </message>
    <message>
        <source>No sound card: you hear nothing (the meters and the floor keep running). Connect a headset, then choose it in {0}, page Audio.</source>
        <translation>Pas de carte son&#xa0;: vous n&apos;entendez rien (les vumètres et la salle continuent). Branchez un casque, puis choisissez-le dans {0}, page Audio.</translation>
    </message>
    <message>
        <source>Sound card problem: {0}</source>
        <translation>Problème de carte son&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Floor sound is poor: {0}</source>
        <translation>Le son de la salle est mauvais&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>ParticipantTable</name>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Cabine</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Gigue</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pertes</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>pas encore de mesure</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>mauvaise</translation>
    </message>
    <message>
        <source>good</source>
        <translation>bonne</translation>
    </message>
    <message>
        <source> (on air)</source>
        <translation> (à l&apos;antenne)</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>Peaks above the safe ceiling are cut off.</source>
        <translation>Les crêtes au-dessus du plafond de sécurité sont écrêtées.</translation>
    </message>
    <message>
        <source>The sound stays too loud, so it is turned down while it lasts.</source>
        <translation>Le son reste trop fort&#xa0;: il est baissé tant que cela dure.</translation>
    </message>
    <message>
        <source>A sudden bang is being turned down.</source>
        <translation>Un bruit soudain est atténué.</translation>
    </message>
    <message>
        <source>Feedback howl is being turned down.</source>
        <translation>Le larsen est atténué.</translation>
    </message>
    <message>
        <source>You listened loudly for a while, so the volume is lowered to rest your ears.</source>
        <translation>Vous avez écouté fort pendant un moment&#xa0;: le volume est baissé pour reposer vos oreilles.</translation>
    </message>
    <message>
        <source>The last safety stage is cutting peaks that got through.</source>
        <translation>Le dernier étage de sécurité écrête des crêtes qui sont passées.</translation>
    </message>
    <message>
        <source>A sudden loud sound ({0:.0f} dB SPL) was turned down to protect your ears.</source>
        <translation>Un son fort et soudain ({0:.0f} dB SPL) a été atténué pour protéger vos oreilles.</translation>
    </message>
    <message>
        <source>Feedback howl ({0:.0f} Hz) is being turned down. Ask the technician to mute the microphone that is too close to a loudspeaker.</source>
        <translation>Un larsen ({0:.0f} Hz) est atténué. Demandez au technicien de couper le micro trop proche d&apos;un haut-parleur.</translation>
    </message>
    <message>
        <source>The feedback howl has stopped: the sound comes back.</source>
        <translation>Le larsen a cessé&#xa0;: le son revient.</translation>
    </message>
    <message>
        <source>The sound is too loud ({0:.0f} dB SPL) and is turned down while it lasts. Turn your volume down.</source>
        <translation>Le son est trop fort ({0:.0f} dB SPL) et il est baissé tant que cela dure. Baissez votre volume.</translation>
    </message>
    <message>
        <source>The sound is no longer too loud: it is back to your volume.</source>
        <translation>Le son n&apos;est plus trop fort&#xa0;: il revient à votre volume.</translation>
    </message>
    <message>
        <source>Over the last minute you listened at {0:.0f} dB SPL on average: the volume is lowered for {1} minutes to protect your hearing. If that was your usual level, run the headset check (in Settings) so the console knows how loud your headset is.</source>
        <translation>Sur la dernière minute, vous avez écouté à {0:.0f} dB SPL en moyenne&#xa0;: le volume est baissé pendant {1} minutes pour protéger votre ouïe. Si c&apos;était votre niveau habituel, faites la vérification du casque (dans les Paramètres) pour que la console sache à quel point votre casque est fort.</translation>
    </message>
    <message>
        <source>The volume is back where you set it after resting your ears.</source>
        <translation>Le volume est revenu à votre réglage après le repos de vos oreilles.</translation>
    </message>
    <message>
        <source>The last safety stage cut a peak of {0:.0f} dB SPL that got through. Please tell the technician: this should not happen.</source>
        <translation>Le dernier étage de sécurité a écrêté une crête de {0:.0f} dB SPL qui était passée. Prévenez le technicien&#xa0;: cela ne devrait pas arriver.</translation>
    </message>
    <message>
        <source>Broken samples in the sound were replaced by silence. Please tell the technician.</source>
        <translation>Des échantillons défectueux du son ont été remplacés par du silence. Prévenez le technicien.</translation>
    </message>
    <message>
        <source>Hearing protection: not acting.</source>
        <translation>Protection de l&apos;ouïe&#xa0;: inactive.</translation>
    </message>
    <message>
        <source>Hearing protection turns the sound down by {0:.0f} dB. {1}</source>
        <translation>La protection de l&apos;ouïe baisse le son de {0:.0f} dB. {1}</translation>
    </message>
    <message>
        <source>Hearing protection acted on the sound.</source>
        <translation>La protection de l&apos;ouïe a agi sur le son.</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>floor</source>
        <translation>salle</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>sans source</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>A few questions about the session</source>
        <translation>Quelques questions sur la séance</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Questions left</source>
        <translation>Questions restantes</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Finish: save the answers</source>
        <translation>Terminer : enregistrer les réponses</translation>
    </message>
    <message>
        <source>Using the console (System Usability Scale)</source>
        <translation>L&apos;utilisation de la console (System Usability Scale)</translation>
    </message>
    <message>
        <source>From 1, strongly disagree, to 5, strongly agree.</source>
        <translation>De 1, pas du tout d&apos;accord, à 5, tout à fait d&apos;accord.</translation>
    </message>
    <message>
        <source>{0}: strongly disagree</source>
        <translation>{0} : pas du tout d&apos;accord</translation>
    </message>
    <message>
        <source>{0}: strongly agree</source>
        <translation>{0} : tout à fait d&apos;accord</translation>
    </message>
    <message>
        <source>The workload (NASA-TLX)</source>
        <translation>La charge de travail (NASA-TLX)</translation>
    </message>
    <message>
        <source>From 0 to 100, in steps of 5.</source>
        <translation>De 0 à 100, par pas de 5.</translation>
    </message>
    <message>
        <source>Your views</source>
        <translation>Votre avis</translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>Toutes les questions ont une réponse.</translation>
    </message>
    <message>
        <source>Questions left: {0}.</source>
        <translation>Questions restantes : {0}.</translation>
    </message>
</context>
<context>
    <name>Relays</name>
    <message>
        <source>nobody on air, carries the floor</source>
        <translation>personne à l&apos;antenne, transmet la salle</translation>
    </message>
    <message>
        <source>on air, but its interpreter hears nothing</source>
        <translation>à l&apos;antenne, mais son interprète n&apos;entend rien</translation>
    </message>
    <message>
        <source>interpreted from {0}, never reaching the floor</source>
        <translation>interprété depuis {0}, sans jamais remonter à la salle</translation>
    </message>
    <message>
        <source>relay, interpreted from {0}</source>
        <translation>relais, interprété depuis {0}</translation>
    </message>
    <message>
        <source>relay of relay, interpreted from {0}</source>
        <translation>relais de relais, interprété depuis {0}</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>floor: the floor itself, no interpretation in between</source>
        <translation>salle&#xa0;: la salle elle-même, sans interprétation</translation>
    </message>
    <message>
        <source>+: one interpretation away from the floor (a direct relay)</source>
        <translation>+&#xa0;: à une interprétation de la salle (relais direct)</translation>
    </message>
    <message>
        <source>−: two or more interpretations away from the floor (relay of relay)</source>
        <translation>−&#xa0;: à deux interprétations ou plus de la salle (relais de relais)</translation>
    </message>
    <message>
        <source>no source: this channel does not lead back to the floor</source>
        <translation>sans source&#xa0;: ce canal ne remonte pas à la salle</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the hearing-protection levels must be numbers</source>
        <translation>les niveaux de protection de l&apos;ouïe doivent être des nombres</translation>
    </message>
    <message>
        <source>the hearing-protection levels may be lowered, but not raised above 100 / 94 / 80 dB SPL</source>
        <translation>les niveaux de protection de l&apos;ouïe peuvent être abaissés, mais pas relevés au-dessus de 100 / 94 / 80 dB SPL</translation>
    </message>
    <message>
        <source>the hearing-protection levels cannot be set below 60 dB SPL</source>
        <translation>les niveaux de protection de l&apos;ouïe ne peuvent pas être inférieurs à 60 dB SPL</translation>
    </message>
    <message>
        <source>the ceiling must be at least the sustained limit, and the sustained limit at least the exposure warning</source>
        <translation>le plafond doit être au moins égal à la limite durable, et la limite durable au moins égale à l&apos;alerte d&apos;exposition</translation>
    </message>
    <message>
        <source>“{0}” for “{1}” is not a key combination: press the keys again</source>
        <translation>«&#xa0;{0}&#xa0;» pour «&#xa0;{1}&#xa0;» n&apos;est pas une combinaison de touches&#xa0;: appuyez de nouveau sur les touches</translation>
    </message>
    <message>
        <source>{0} moves between controls; choose another key for “{1}”</source>
        <translation>{0} sert à passer d&apos;une commande à l&apos;autre&#xa0;; choisissez une autre touche pour «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <source>{0} is already the key of “{1}”; choose another key for “{2}”</source>
        <translation>{0} est déjà la touche de «&#xa0;{1}&#xa0;»&#xa0;; choisissez une autre touche pour «&#xa0;{2}&#xa0;»</translation>
    </message>
    <message>
        <source>there is no action “{0}” any more</source>
        <translation>l&apos;action «&#xa0;{0}&#xa0;» n&apos;existe plus</translation>
    </message>
    <message>
        <source>The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; the safe default of {3:g} dB SPL is used until you calibrate again.</source>
        <translation>L&apos;étalonnage du casque enregistré ({0:g} dB SPL) est hors de la plage {1:g} à {2:g}&#xa0;; la valeur sûre par défaut de {3:g} dB SPL s&apos;applique jusqu&apos;au prochain étalonnage.</translation>
    </message>
    <message>
        <source>the calibration must be {0:g} to {1:g} dB SPL</source>
        <translation>l&apos;étalonnage doit être compris entre {0:g} et {1:g} dB SPL</translation>
    </message>
    <message>
        <source>The stored calibration source ({0}) is unknown: “measured” is shown.</source>
        <translation>L&apos;origine de l&apos;étalonnage enregistrée ({0}) est inconnue&#xa0;: «&#xa0;mesuré&#xa0;» est affiché.</translation>
    </message>
    <message>
        <source>The stored hearing-protection levels are ignored ({0}); the defaults apply.</source>
        <translation>Les niveaux de protection de l&apos;ouïe enregistrés sont ignorés ({0})&#xa0;; les valeurs par défaut s&apos;appliquent.</translation>
    </message>
    <message>
        <source>The stored shortcuts are unreadable; the default keys apply.</source>
        <translation>Les raccourcis enregistrés sont illisibles&#xa0;; les touches par défaut s&apos;appliquent.</translation>
    </message>
    <message>
        <source>Your shortcuts are ignored ({0}); the default keys apply.</source>
        <translation>Vos raccourcis sont ignorés ({0})&#xa0;; les touches par défaut s&apos;appliquent.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not on or off; even levels are on.</source>
        <translation>La valeur enregistrée de « {0} » ({1}) n&apos;est ni activée ni désactivée ; le niveau égalisé est activé.</translation>
    </message>
    <message>
        <source>The stored theme “{0}” does not exist; the light theme is used.</source>
        <translation>Le thème enregistré «&#xa0;{0}&#xa0;» n&apos;existe pas&#xa0;; le thème clair est utilisé.</translation>
    </message>
    <message>
        <source>The stored language “{0}” is not one of the console&apos;s; the computer&apos;s language is used.</source>
        <translation>La langue enregistrée «&#xa0;{0}&#xa0;» n&apos;est pas l&apos;une de celles de la console&#xa0;; la langue de l&apos;ordinateur est utilisée.</translation>
    </message>
    <message>
        <source>The list of remembered meetings was unreadable and is not shown.</source>
        <translation>La liste des réunions mémorisées était illisible et n&apos;est pas affichée.</translation>
    </message>
    <message>
        <source>The stored window position was unreadable.</source>
        <translation>La position enregistrée de la fenêtre était illisible.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” was unreadable and is ignored.</source>
        <translation>La valeur enregistrée de «&#xa0;{0}&#xa0;» était illisible et est ignorée.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not a number; {2:g} is used.</source>
        <translation>La valeur enregistrée de «&#xa0;{0}&#xa0;» ({1}) n&apos;est pas un nombre&#xa0;; {2:g} est utilisé.</translation>
    </message>
    <message>
        <source>The stored value of “{0}” ({1}) is not true or false; {2} is used.</source>
        <translation>La valeur enregistrée de « {0} » ({1}) n’est ni vrai ni faux ; {2} est utilisé.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Pages des paramètres</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>&amp;Audio</translation>
    </message>
    <message>
        <source>&amp;Hearing protection</source>
        <translation>&amp;Protection de l&apos;ouïe</translation>
    </message>
    <message>
        <source>&amp;Shortcuts</source>
        <translation>&amp;Raccourcis</translation>
    </message>
    <message>
        <source>&amp;Theme and language</source>
        <translation>&amp;Thème et langue</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>Appli&amp;quer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Casque</translation>
    </message>
    <message>
        <source>Look for &amp;new devices</source>
        <translation>Rechercher de &amp;nouveaux appareils</translation>
    </message>
    <message>
        <source>Look for new devices</source>
        <translation>Rechercher de nouveaux appareils</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>État des appareils</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>pas de signal</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Niveau du microphone</translation>
    </message>
    <message>
        <source>Headset level</source>
        <translation>Niveau du casque</translation>
    </message>
    <message>
        <source>Play a test t&amp;one</source>
        <translation>Jouer un son d&apos;&amp;essai</translation>
    </message>
    <message>
        <source>Play a test tone</source>
        <translation>Jouer un son d&apos;essai</translation>
    </message>
    <message>
        <source>Hear &amp;yourself</source>
        <translation>&amp;S&apos;entendre soi-même</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <translation>S&apos;entendre soi-même</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Microphone&#xa0;:</translation>
    </message>
    <message>
        <source>H&amp;eadset:</source>
        <translation>&amp;Casque&#xa0;:</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>Niveau du microphone&#xa0;:</translation>
    </message>
    <message>
        <source>Headset level:</source>
        <translation>Niveau du casque&#xa0;:</translation>
    </message>
    <message>
        <source>The console protects your hearing: it never lets a sound in your headset go above a ceiling, turns down sound that stays too loud, and pulls down sudden bangs and feedback howl at once. To do that it must know how loud your headset really is. Until you calibrate it, the console assumes a loud headset, so protection acts early rather than late. Without a meter, run the headset check: set a voice to a comfortable level. If you have a sound level meter, play the test tone, measure it at the ear cup, and enter the reading.</source>
        <translation>La console protège votre ouïe&#xa0;: elle ne laisse jamais un son dépasser un plafond dans votre casque, baisse le son qui reste trop fort et atténue aussitôt les bruits soudains et le larsen. Pour cela, elle doit savoir à quel point votre casque est fort. Tant que vous ne l&apos;avez pas étalonné, la console suppose un casque puissant, pour que la protection agisse plutôt trop tôt que trop tard. Sans sonomètre, faites la vérification du casque&#xa0;: réglez une voix à un niveau confortable. Si vous avez un sonomètre, jouez le son d&apos;essai, mesurez-le contre l&apos;écouteur et saisissez la valeur lue.</translation>
    </message>
    <message>
        <source>Headset loudness at full scale</source>
        <translation>Intensité du casque à pleine échelle</translation>
    </message>
    <message>
        <source>The sound level, in dB SPL, of the loudest tone the headset can play.</source>
        <translation>Le niveau sonore, en dB SPL, du son le plus fort que le casque peut produire.</translation>
    </message>
    <message>
        <source>Headset chec&amp;k…</source>
        <translation>&amp;Vérification du casque…</translation>
    </message>
    <message>
        <source>Headset check: calibrate by choosing a comfortable level, without a meter</source>
        <translation>Vérification du casque&#xa0;: étalonner en choisissant un niveau confortable, sans sonomètre</translation>
    </message>
    <message>
        <source>Safe de&amp;fault</source>
        <translation>Valeur &amp;sûre par défaut</translation>
    </message>
    <message>
        <source>Use the safe default calibration</source>
        <translation>Utiliser l&apos;étalonnage sûr par défaut</translation>
    </message>
    <message>
        <source>Measured level of the test tone</source>
        <translation>Niveau mesuré du son d&apos;essai</translation>
    </message>
    <message>
        <source>&amp;Use this reading</source>
        <translation>&amp;Utiliser cette mesure</translation>
    </message>
    <message>
        <source>Calibrate from the measured level</source>
        <translation>Étalonner d&apos;après le niveau mesuré</translation>
    </message>
    <message>
        <source>Play the calibration t&amp;one</source>
        <translation>Jouer le s&amp;on d&apos;étalonnage</translation>
    </message>
    <message>
        <source>Play the calibration tone</source>
        <translation>Jouer le son d&apos;étalonnage</translation>
    </message>
    <message>
        <source>Instant ceiling</source>
        <translation>Plafond instantané</translation>
    </message>
    <message>
        <source>Sustained limit</source>
        <translation>Limite durable</translation>
    </message>
    <message>
        <source>Exposure warning</source>
        <translation>Alerte d&apos;exposition</translation>
    </message>
    <message>
        <source>Hearing protection status</source>
        <translation>État de la protection de l&apos;ouïe</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>Éta&amp;lonnage&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Meter reading:</source>
        <translation>Mesure au sono&amp;mètre&#xa0;:</translation>
    </message>
    <message>
        <source>Limits (may be lowered, not raised)</source>
        <translation>Limites (peuvent être abaissées, pas relevées)</translation>
    </message>
    <message>
        <source>Ce&amp;iling:</source>
        <translation>Pla&amp;fond&#xa0;:</translation>
    </message>
    <message>
        <source>Sustaine&amp;d limit:</source>
        <translation>Limite &amp;durable&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;xposure warning:</source>
        <translation>Alerte d&apos;e&amp;xposition&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <source>Hi&amp;gh contrast (strongest contrast, largest focus frame)</source>
        <translation>Contraste é&amp;levé (contraste maximal, cadre de focus le plus large)</translation>
    </message>
    <message>
        <source>&amp;Reduced motion: highlight requests, never flash</source>
        <translation>Animations &amp;réduites : mettre les demandes en évidence, sans clignoter</translation>
    </message>
    <message>
        <source>Chime in the headset at a hando&amp;ver request or a coordinator&apos;s message</source>
        <translation>Carillon dans le casque à une demande de relè&amp;ve ou à un message d’un coordinateur</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>La langue de l&apos;ordinateur</translation>
    </message>
    <message>
        <source>A new language shows when the console starts again.</source>
        <translation>Une nouvelle langue s&apos;affiche au prochain démarrage de la console.</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>Lan&amp;gue&#xa0;:</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>Calibrated from the {0:.0f} dBFS tone: the headset plays {1:.1f} dB SPL at full scale. Press Apply.</source>
        <translation>Étalonné d&apos;après le son à {0:.0f} dBFS&#xa0;: le casque produit {1:.1f} dB SPL à pleine échelle. Appuyez sur Appliquer.</translation>
    </message>
    <message>
        <source>Your headset is calibrated by the headset check ({0:.0f} dB SPL at full scale, assuming the level you chose is {1:.0f} dB SPL). A meter reading is more exact.</source>
        <translation>Votre casque est étalonné par la vérification du casque ({0:.0f} dB SPL à pleine échelle, en supposant que le niveau choisi est de {1:.0f} dB SPL). Une mesure au sonomètre est plus exacte.</translation>
    </message>
    <message>
        <source>Your headset is calibrated from a measurement ({0:.0f} dB SPL at full scale).</source>
        <translation>Votre casque est étalonné d&apos;après une mesure ({0:.0f} dB SPL à pleine échelle).</translation>
    </message>
    <message>
        <source>Not calibrated: the safe default of {0:.0f} dB SPL is assumed.</source>
        <translation>Non étalonné&#xa0;: la valeur sûre par défaut de {0:.0f} dB SPL est utilisée.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>{0} (not connected)</source>
        <translation>{0} (non connecté)</translation>
    </message>
    <message>
        <source>Close the meeting&apos;s audio first: devices cannot be searched while in use.</source>
        <translation>Fermez d&apos;abord l&apos;audio de la réunion&#xa0;: les appareils ne peuvent pas être recherchés pendant leur utilisation.</translation>
    </message>
    <message>
        <source>The device lists are up to date.</source>
        <translation>Les listes d&apos;appareils sont à jour.</translation>
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
        <translation>Les actions et leurs touches</translation>
    </message>
    <message>
        <source>Choose an action with the arrow keys, then record a new key below.</source>
        <translation>Choisissez une action avec les flèches, puis enregistrez une nouvelle touche ci-dessous.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <source>New key for the chosen action</source>
        <translation>Nouvelle touche pour l&apos;action choisie</translation>
    </message>
    <message>
        <source>Press the key combination; it is assigned when you stop typing.</source>
        <translation>Appuyez sur la combinaison de touches&#xa0;; elle est attribuée quand vous arrêtez de taper.</translation>
    </message>
    <message>
        <source>&amp;New key:</source>
        <translation>&amp;Nouvelle touche&#xa0;:</translation>
    </message>
    <message>
        <source>N&amp;o key</source>
        <translation>Sans touc&amp;he</translation>
    </message>
    <message>
        <source>Remove the key of the chosen action</source>
        <translation>Retirer la touche de l&apos;action choisie</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>Touche par &amp;défaut</translation>
    </message>
    <message>
        <source>Give the chosen action its default key</source>
        <translation>Rendre à l&apos;action choisie sa touche par défaut</translation>
    </message>
    <message>
        <source>All de&amp;faults</source>
        <translation>Toutes par dé&amp;faut</translation>
    </message>
    <message>
        <source>Give every action its default key</source>
        <translation>Rendre à chaque action sa touche par défaut</translation>
    </message>
    <message>
        <source>Shortcut conflicts</source>
        <translation>Conflits de raccourcis</translation>
    </message>
    <message>
        <source>{0} (conflict)</source>
        <translation>{0} (conflit)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Meeting and booth</source>
        <translation>Réunion et cabine</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation>Qualité de la liaison</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>{0} — {1} booth — {2}</source>
        <translation>{0} — cabine {1} — {2}</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>Connecté à {0}</translation>
    </message>
    <message>
        <source>link: —</source>
        <translation>liaison&#xa0;: —</translation>
    </message>
    <message>
        <source>RTT — · jitter — · loss — (unknown while the hub is silent)</source>
        <translation>RTT — · gigue — · pertes — (inconnus tant que le hub est muet)</translation>
    </message>
    <message>
        <source>RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %</source>
        <translation>RTT {0} ms · gigue {1:.0f} ms · pertes {2:.1f} %</translation>
    </message>
    <message>
        <source>Sound received: {0} concealed, {1} dropped, {2} gaps (audible); {3} stretched, {4} shrunk (inaudible).</source>
        <translation>Son reçu : {0} masqués, {1} supprimés, {2} coupures (audibles) ; {3} allongés, {4} raccourcis (inaudibles).</translation>
    </message>
    <message>
        <source>The system refused real-time priority to the sound: it may break up while this computer is busy.</source>
        <translation>Le système a refusé la priorité temps réel au son : il peut se hacher tant que cet ordinateur est occupé.</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>connecting to {0}…</source>
        <translation>connexion à {0}…</translation>
    </message>
    <message>
        <source>no sound from the hub for {0:.1f} s: you may not be heard</source>
        <translation>aucun son du hub depuis {0:.1f} s&#xa0;: on ne vous entend peut-être pas</translation>
    </message>
    <message>
        <source>connected · sound from the hub is back after {0:.1f} s</source>
        <translation>connecté · le son du hub est revenu après {0:.1f} s</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>reconnecting… attempt {0} ({1})</source>
        <translation>reconnexion… tentative {0} ({1})</translation>
    </message>
    <message>
        <source>connection lost: {0}</source>
        <translation>connexion perdue&#xa0;: {0}</translation>
    </message>
    <message>
        <source>not connected: {0}</source>
        <translation>non connecté&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>Volume</name>
    <message>
        <source>off</source>
        <translation>coupé</translation>
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
        <translation>(choisir)</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>Pas encore de réponse</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>The link is empty: paste the meeting link from your invitation.</source>
        <translation>Le lien est vide&#xa0;: collez le lien de réunion de votre invitation.</translation>
    </message>
    <message>
        <source>A meeting link has no spaces in it: copy the whole link again, in one piece.</source>
        <translation>Un lien de réunion ne contient pas d&apos;espace&#xa0;: copiez de nouveau le lien entier, d&apos;un seul tenant.</translation>
    </message>
    <message>
        <source>This is a token, not a link: paste it into the Token field and type the hub address.</source>
        <translation>Ceci est un jeton, pas un lien&#xa0;: collez-le dans le champ Jeton et tapez l&apos;adresse du hub.</translation>
    </message>
    <message>
        <source>“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. Copy the link from your invitation again.</source>
        <translation>«&#xa0;{text}&#xa0;» n&apos;est pas un lien de réunion&#xa0;: un lien commence par wss://, rsi:// ou https://. Copiez de nouveau le lien de votre invitation.</translation>
    </message>
    <message>
        <source>The link names no computer to connect to: copy the whole link again.</source>
        <translation>Le lien n&apos;indique aucun ordinateur auquel se connecter&#xa0;: copiez de nouveau le lien entier.</translation>
    </message>
    <message>
        <source>The port in the link is not a number from 1 to 65535: copy the link again.</source>
        <translation>Le port indiqué dans le lien n&apos;est pas un nombre de 1 à 65535&#xa0;: copiez de nouveau le lien.</translation>
    </message>
    <message>
        <source>This web address is not a meeting link: it has no hub=… part. Open it in a browser, or ask the organiser for the console link.</source>
        <translation>Cette adresse web n&apos;est pas un lien de réunion&#xa0;: elle n&apos;a pas de partie hub=…. Ouvrez-la dans un navigateur, ou demandez le lien pour la console à l&apos;organisateur.</translation>
    </message>
    <message>
        <source>The hub address in the link must start with wss:// (or ws:// on this computer): ask the organiser for a new link.</source>
        <translation>L&apos;adresse du hub dans le lien doit commencer par wss:// (ou ws:// sur cet ordinateur)&#xa0;: demandez un nouveau lien à l&apos;organisateur.</translation>
    </message>
    <message>
        <source>The token is damaged: a token is three parts of letters and digits separated by dots. Copy it again from your invitation.</source>
        <translation>Le jeton est endommagé&#xa0;: un jeton est fait de trois parties de lettres et de chiffres séparées par des points. Copiez-le de nouveau depuis votre invitation.</translation>
    </message>
    <message>
        <source>The address “{address}” cannot be used.</source>
        <translation>L&apos;adresse «&#xa0;{address}&#xa0;» ne peut pas être utilisée.</translation>
    </message>
    <message>
        <source>{host} is another computer, and ws:// would send your token to it unencrypted. Use the wss:// address from your invitation (ws:// is only for a hub on this computer).</source>
        <translation>{host} est un autre ordinateur, et ws:// lui enverrait votre jeton sans chiffrement. Utilisez l&apos;adresse wss:// de votre invitation (ws:// ne sert que pour un hub sur cet ordinateur).</translation>
    </message>
</context>
</TS>
