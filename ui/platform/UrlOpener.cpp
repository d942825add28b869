#include "platform/UrlOpener.h"

#include "platform/OpenUriPortal.h"
#include "platform/SessionBus.h"
#include "platform/WebAddress.h"
#include "platform/XdgOpen.h"
#include "secret/SecretArena.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <mutex>
#include <thread>

namespace arcanum {

// Shared by the opener and its jobs: a job reports through it only while the opener exists.
struct UrlOpener::Mailbox
{
    std::mutex mutex;
    UrlOpener* owner = nullptr; // cleared by ~UrlOpener
    std::atomic<int> running{0};

    void post(bool opened, std::string how)
    {
        std::lock_guard guard(mutex);
        if (owner != nullptr)
            QMetaObject::invokeMethod(
                owner,
                [receiver = owner, opened, how = QString::fromStdString(how)] {
                    emit receiver->finished(opened, how);
                },
                Qt::QueuedConnection);
    }
};

namespace {

// What a job owns; the buffer is declared after the arena it lives in, so it goes first.
struct Job
{
    std::unique_ptr<SecretArena> arena;
    SecretBuffer address; // NUL-terminated

    void wipe()
    {
        address.reset();
        arena.reset(); // wipes and unmaps
    }
};

} // namespace

UrlOpener::Config UrlOpener::systemConfig()
{
    return Config{
        SessionBus::defaultAddress(), XdgOpen::defaultProgram, std::chrono::seconds(5), {}};
}

UrlOpener::UrlOpener(QObject* parent)
    : QObject(parent), m_config(systemConfig()), m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->owner = this;
}

UrlOpener::~UrlOpener()
{
    std::lock_guard guard(m_mailbox->mutex);
    m_mailbox->owner = nullptr;
}

int UrlOpener::runningJobs() const
{
    return m_mailbox->running.load();
}

UrlOpener::Start UrlOpener::open(SecretSpan url)
{
    const WebAddress::Kind kind = WebAddress::classify(url);
    if (kind != WebAddress::Kind::Web && kind != WebAddress::Kind::NoScheme)
        return Start::NotWebAddress;
    // The job's own arena: the vault may lock (and unmap its arena) while the job runs.
    auto arena = SecretArena::create(m_config.arenaOptions, url.size() + 8192);
    if (!arena)
        return Start::Failed;
    auto address = WebAddress::toOpen(url, **arena);
    if (!address)
        return Start::Failed;
    auto job = std::make_shared<Job>(Job{std::move(arena.value()), std::move(address.value())});
    ++m_mailbox->running;
    std::thread([job, config = m_config, mailbox = m_mailbox] {
        bool opened = false;
        std::string how;
        auto portal = config.busAddress.empty()
                          ? Result<void>(Error{ErrorCode::NotFound, "no session bus"})
                          : OpenUriPortal::open(job->address.span(), *job->arena, config.busAddress,
                                                config.portalTimeout);
        if (portal || portal.error().code != ErrorCode::NotFound) {
            // Accepted, refused or unanswered: the portal had it; trying xdg-open too could
            // open the address twice.
            job->wipe();
            opened = portal.ok();
            how = opened ? "through the desktop portal" : portal.error().message;
        } else {
            auto child = XdgOpen::start(config.program.c_str(), job->address.span());
            job->wipe(); // the child has its own copy now
            if (!child) {
                how = child.error().message;
            } else {
                auto waited = XdgOpen::wait(*child);
                opened = waited.ok();
                how = opened ? "with " + config.program : waited.error().message;
            }
        }
        mailbox->post(opened, how);
        --mailbox->running;
    }).detach();
    return Start::Opening;
}

} // namespace arcanum
