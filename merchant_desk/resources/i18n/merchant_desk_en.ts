<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>EventsPage</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsList</name>
    <message numerus="yes">
        <source>%n payment(s) shown</source>
        <translation type="unfinished">
            <numerusform>%n payment shown</numerusform>
            <numerusform>%n payments shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before the name is locked.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before the name is locked.</numerusform>
            <numerusform>Wrong PIN. %n tries left before the name is locked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n endpoint</numerusform>
            <numerusform>%n endpoints</numerusform>
        </translation>
    </message>
</context>
</TS>
